"""Temporal expressions: find them in text and resolve them to TIMEX3 values.

Shared by the times extractor (running text, with spaCy's tags for tense and
ambiguity) and by header-date normalization in ``ingest.dates`` (short strings,
no parse). The rules and word tables are data in ``resources/en/times/``;
this package only compiles and applies them:

- :mod:`.grammar` loads the tables and compiles the rules (once);
- :mod:`.match` finds candidate spans and chooses among overlapping ones;
- :mod:`.resolve` turns a rule's value template into a TIMEX3 value against an
  anchor date (publication date) and the narrative reference time.
"""

from .grammar import Grammar, load_grammar
from .match import Candidate, choose, find_candidates
from .resolve import Period, Resolver

__all__ = ["Candidate", "Grammar", "Period", "Resolver", "choose", "find_candidates", "load_grammar"]
