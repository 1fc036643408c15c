"""Facts about the build itself that pages may depend on."""
from __future__ import annotations

import datetime
import os


def build_date() -> datetime.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` so that a rebuild gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()
