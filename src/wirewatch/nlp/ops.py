"""Faster maths for the pipeline on CPUs: matrix products through numpy's BLAS.

thinc multiplies matrices with blis, which on the processors measured here runs
at a third of the speed of the OpenBLAS that numpy links (32 against 93 GFLOPS
on one core for the tok2vec's shapes). These ops route `gemm` through numpy and
leave every other kernel to thinc, so weights and results are unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class NumpyBlasOps(NumpyOps):  # type: ignore[misc]
    name = "wirewatch_numpy"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_fast_ops() -> None:
    """Make numpy's BLAS the current ops, unless a GPU or other backend is in use."""
    if type(get_current_ops()) is NumpyOps:
        set_current_ops(NumpyBlasOps())
