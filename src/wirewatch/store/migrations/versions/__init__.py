"""The store's schema revisions, oldest first; each is frozen once released."""
