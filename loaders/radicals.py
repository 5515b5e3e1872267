"""CJK radicals in PDF text layers, read as the characters they stand for.

Some fonts (a browser's or a word processor's CJK fonts printing to PDF) map common
characters to radical code points in the text layer: 人力工金文广生革 come out as Kangxi
radicals (U+2F00–U+2FD5), 民见门长… as CJK Radicals Supplement (U+2E80–U+2EF3). They look
the same on the page but are other characters, so 市⼈⼒资源和社会保障局 is no body anyone
knows. Unicode's own compatibility decompositions map every Kangxi radical and two
supplement radicals to their ideographs; the supplement's simplified forms have none, so
they are listed here, each checked against its Unicode name. Nothing else is normalised:
full-width punctuation （，： stays as written, as full NFKC would not leave it.
"""

from __future__ import annotations

import unicodedata

KANGXI_RADICALS = range(0x2F00, 0x2FD6)
RADICALS_SUPPLEMENT = range(0x2E80, 0x2EF4)
#: Supplement radicals written for whole characters, without a decomposition in Unicode.
SUPPLEMENT_CHARACTERS = {
    "\u2ea0": "民",  # CJK RADICAL CIVILIAN
    "\u2ec4": "西",  # CJK RADICAL WEST TWO
    "\u2ec5": "见",  # CJK RADICAL C-SIMPLIFIED SEE
    "\u2ec6": "角",  # CJK RADICAL SIMPLIFIED HORN
    "\u2ec9": "贝",  # CJK RADICAL C-SIMPLIFIED SHELL
    "\u2ecb": "车",  # CJK RADICAL C-SIMPLIFIED CART
    "\u2ed3": "长",  # CJK RADICAL C-SIMPLIFIED LONG
    "\u2ed4": "门",  # CJK RADICAL C-SIMPLIFIED GATE
    "\u2ed8": "青",  # CJK RADICAL BLUE
    "\u2eda": "页",  # CJK RADICAL C-SIMPLIFIED LEAF
    "\u2edb": "风",  # CJK RADICAL C-SIMPLIFIED WIND
    "\u2edc": "飞",  # CJK RADICAL C-SIMPLIFIED FLY
    "\u2edd": "食",  # CJK RADICAL EAT ONE
    "\u2ee2": "马",  # CJK RADICAL C-SIMPLIFIED HORSE
    "\u2ee3": "骨",  # CJK RADICAL BONE
    "\u2ee4": "鬼",  # CJK RADICAL GHOST
    "\u2ee5": "鱼",  # CJK RADICAL C-SIMPLIFIED FISH
    "\u2ee6": "鸟",  # CJK RADICAL C-SIMPLIFIED BIRD
    "\u2ee8": "麦",  # CJK RADICAL SIMPLIFIED WHEAT
    "\u2ee9": "黄",  # CJK RADICAL SIMPLIFIED YELLOW
    "\u2eec": "齐",  # CJK RADICAL C-SIMPLIFIED EVEN
    "\u2eee": "齿",  # CJK RADICAL C-SIMPLIFIED TOOTH
    "\u2ef0": "龙",  # CJK RADICAL C-SIMPLIFIED DRAGON
}


def _radical_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in (*KANGXI_RADICALS, *RADICALS_SUPPLEMENT):
        kind, _, target = unicodedata.decomposition(chr(code)).partition(" ")
        if kind == "<compat>" and " " not in target:
            table[code] = chr(int(target, 16))
    table.update({ord(radical): character for radical, character in SUPPLEMENT_CHARACTERS.items()})
    return table


RADICALS = _radical_table()


def unify_radicals(text: str) -> str:
    """`text` with radical code points as the ideographs they stand for."""
    return text.translate(RADICALS)
