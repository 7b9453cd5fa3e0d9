"""Swedish full-text search, plain Python (no Django).

- ``text``: normalisation, tokens, Snowball stemming, the stemmed shadow text
- ``query``: the query language (terms, "phrases", OR, -exclusion, prefix*) and its
  compilation to SQLite FTS5 MATCH and PostgreSQL tsquery
- ``highlight``: snippets with <mark> from the original text
- ``tags``: an explainable naive Bayes classifier for tag suggestions

See docs/search.md.
"""

from resultat.core.search.highlight import highlight, snippet
from resultat.core.search.query import Query, QuerySyntaxError, parse
from resultat.core.search.text import shadow_text, stem, tokens

__all__ = ["Query", "QuerySyntaxError", "highlight", "parse", "shadow_text", "snippet", "stem", "tokens"]
