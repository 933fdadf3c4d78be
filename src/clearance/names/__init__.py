"""Name normalisation: one pipeline for list names (index time) and queries (query time).

`normalise_name(text, schema)` detects the scripts, transliterates to Latin (Han through OpenCC
and pinyin, everything else through ICU via rigour), recognises legal forms in any language,
tokenises and marks generic words, returning a `NameForm` that the matcher compares.
"""

from clearance.names.pipeline import NameForm, normalise_name
from clearance.names.tokens import skeleton, token_keys

__all__ = ["NameForm", "normalise_name", "skeleton", "token_keys"]
