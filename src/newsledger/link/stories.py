"""Stories: articles that report one real-world event, grouped.

Each article stands for its main event (the record's ``main_event.event``, or
its first event; many records have neither yet, then the article itself).
Two reports are of one event when their texts are alike (cosine on title
and lead, where news puts the event: TF-IDF by default, sentence embeddings
with the optional extra, ``StoryParams.similarity``), they name the same actors and
places, their event types do not contradict, and they were published within
a time window. Clustering is single-pass in publication order (the classic
topic-detection-and-tracking scheme): each article is compared only with
articles published within the window, so the cost grows with the window,
not the corpus, and a later ingest could extend stories incrementally. What it does not do: split one article across two stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass(slots=True)
class StoryDoc:
    """What clustering reads of one article."""

    key: int
    text: str
    published: str | None = None
    event_type: str | None = None
    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Weights and thresholds.

    The weights were set before measuring. The threshold was chosen on the
    Giveme5W1H training articles (their ``category`` names the story) by
    2-fold cross-validation over stories: both folds chose 0.08, the full-set
    sweep peaks at 0.1 (pairwise F1 0.83); 0.1 is used, a little stricter,
    because merging two events misleads an analyst more than splitting one.
    See ``bench/corpus.py stories``.
    """

    text_weight: float = 0.7
    actor_weight: float = 0.2
    place_weight: float = 0.1
    threshold: float = 0.1
    window_days: int = 7
    type_penalty: float = 0.5
    lead_chars: int = 1500
    #: how texts are compared: "tfidf" (default, nothing to install) or "embeddings"
    #: (sentence embeddings, the optional extra; see link/embeddings.py)
    similarity: str = "tfidf"
    #: the threshold with embeddings: their cosines run higher than TF-IDF's (unrelated news
    #: leads are not at 0.0), so the same score needs its own cut. The full-set sweep on the
    #: Giveme5W1H stories peaks at 0.25 (pairwise F1 0.81); 2-fold cross-validation chose 0.1
    #: and 0.25, so this cut is less settled than TF-IDF's (bench/README.md).
    embedding_threshold: float = 0.25

    @property
    def cut(self) -> float:
        """The threshold for the chosen similarity."""
        return self.embedding_threshold if self.similarity == "embeddings" else self.threshold


def text_vectors(texts: list[str], params: StoryParams) -> sparse.csr_matrix | np.ndarray | None:
    """Row-normalised vectors of the texts (dot product = cosine), by ``params.similarity``;
    None when TF-IDF finds nothing but stop words."""
    if params.similarity == "embeddings":
        from .embeddings import embed

        return embed(texts)
    if params.similarity != "tfidf":
        raise ValueError(f"unknown story similarity {params.similarity!r} (tfidf or embeddings)")
    # dropping words in over half the articles removes boilerplate in a corpus, but in a handful of
    # articles it would remove exactly the words two reports share
    max_df = 0.5 if len(texts) >= 50 else 1.0
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=max_df, min_df=1, dtype=np.float32)
    try:
        return vec.fit_transform(texts).tocsr()
    except ValueError:  # nothing but stop words
        return None


def _block_cosines(x: sparse.csr_matrix | np.ndarray, c0: int, c1: int, col_lo: int) -> np.ndarray:
    """Cosines of rows [c0, c1) with rows [col_lo, c1), dense (c1 - c0, c1 - col_lo)."""
    if isinstance(x, np.ndarray):
        return x[c0:c1] @ x[col_lo:c1].T
    return (x[c0:c1] @ x[col_lo:c1].T).toarray()


def _day(value: str | None) -> int | None:
    """Publication day as an ordinal, or None when unknown or unparseable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _names_matrix(sets: list[frozenset[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, names in enumerate(sets):
        for name in names:
            rows.append(i)
            cols.append(vocab.setdefault(name, len(vocab)))
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(sets), max(1, len(vocab))))
    return m, np.asarray(m.sum(axis=1)).ravel()


def _block_dice(m: sparse.csr_matrix, sizes: np.ndarray, c0: int, c1: int, col_lo: int) -> np.ndarray:
    """Dice overlap of the names of rows [c0, c1) with those of rows [col_lo, c1)."""
    inter = (m[c0:c1] @ m[col_lo:c1].T).toarray()
    denom = sizes[c0:c1, None] + sizes[None, col_lo:c1]
    return np.divide(2 * inter, denom, out=np.zeros_like(inter), where=denom > 0)


def cluster_stories(docs: list[StoryDoc], params: StoryParams = StoryParams()) -> list[list[int]]:
    """Groups of ``StoryDoc.key``, each group one story, in order of first publication.

    Single pass in publication order: an article joins the story whose members
    published within the window are, on average, most similar to it (average
    linkage), if that similarity passes the threshold; else it opens a story.
    """
    if not docs:
        return []
    docs = sorted(docs, key=lambda d: (d.published or "", d.key))
    texts = [d.text[: params.lead_chars] for d in docs]
    x = text_vectors(texts, params)
    if x is None:
        return [[d.key] for d in docs]
    actors, n_actors = _names_matrix([d.actors for d in docs])
    places, n_places = _names_matrix([d.places for d in docs])
    type_codes: dict[str, int] = {}
    types = np.array([type_codes.setdefault(d.event_type, len(type_codes)) if d.event_type else -1 for d in docs])
    days = [_day(d.published) for d in docs]
    # the window of each article: the first earlier article published within window_days
    # (an undated article is compared with every earlier one); it does not depend on labels
    starts = np.zeros(len(docs), dtype=np.int64)
    lo = 0
    for i, day in enumerate(days):
        if day is not None:
            while lo < i and (days[lo] is None or days[lo] < day - params.window_days):  # type: ignore[operator]
                lo += 1
            starts[i] = lo
    labels = np.full(len(docs), -1, dtype=np.int64)
    n_stories = 0
    c0 = 0
    while c0 < len(docs):
        # pair scores for a block of rows at once (one sparse product, not one per article);
        # the block's height keeps the dense block near 4 M cells
        col_lo = int(starts[c0])
        c1 = min(len(docs), c0 + max(1, min(512, 4_000_000 // max(1, len(docs) - col_lo))))
        col_lo = int(starts[c0:c1].min())
        block = params.text_weight * _block_cosines(x, c0, c1, col_lo)
        block += params.actor_weight * _block_dice(actors, n_actors, c0, c1, col_lo)
        block += params.place_weight * _block_dice(places, n_places, c0, c1, col_lo)
        for i in range(c0, c1):
            start = int(starts[i])
            if i > start:
                pair = block[i - c0, start - col_lo:i - col_lo]
                if types[i] >= 0:
                    window_types = types[start:i]
                    clash = (window_types >= 0) & (window_types != types[i])
                    pair = np.where(clash, pair * params.type_penalty, pair)
                window = labels[start:i]
                sums = np.bincount(window, weights=pair, minlength=n_stories)
                counts = np.bincount(window, minlength=n_stories)
                score = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
                best = int(score.argmax())
                if score[best] > params.cut:
                    labels[i] = best
                    continue
            labels[i] = n_stories
            n_stories += 1
        c0 = c1
    groups: list[list[int]] = [[] for _ in range(n_stories)]
    for d, label in zip(docs, labels):
        groups[int(label)].append(d.key)
    return groups
