"""Training the shipped spaCy pipeline: corpus conversion and the label scheme."""
