"""Amounts in lei as people and spreadsheets write them (`12,50`, `1.234,56`, `1 234,56`, `1234.5`), read into an
int of bani. No Django here: the tax roll's import, the refund forms and the staff pages share this one reading."""

import re
from decimal import Decimal, InvalidOperation

_GROUPED_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


def parse_lei(text: str) -> int:
    """Bani from an amount in lei; ValueError when it is not one (more than two decimals, letters, empty)."""
    value = re.sub(r"[\s\u00a0\u202f]", "", str(text))
    value = value.removesuffix("lei").removesuffix("RON")
    if "," in value and "." in value:
        thousands, decimal = (".", ",") if value.rfind(",") > value.rfind(".") else (",", ".")
        value = value.replace(thousands, "").replace(decimal, ".")
    elif "," in value:
        if value.count(",") > 1:
            raise ValueError(text)
        value = value.replace(",", ".")
    elif value.count(".") > 1 or _GROUPED_THOUSANDS.fullmatch(value):
        value = value.replace(".", "")  # 1.234 or 1.234.567: the dots group thousands
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]{1,2})?", value):
        raise ValueError(text)
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(text) from None
    return int(amount * 100)
