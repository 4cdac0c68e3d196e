"""`wirewatch run`: sources in, analysed, grouped into stories and stored."""

from wirewatch.run.runner import RunOptions, RunStore, Tally, run
from wirewatch.run.work import Done, Failed, Task

__all__ = ["Done", "Failed", "RunOptions", "RunStore", "Tally", "Task", "run"]
