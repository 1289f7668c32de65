"""A fixed-window limit of attempts per client, counted in the cache so every web process shares it."""

import re

from allauth.account.adapter import get_adapter
from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600}
_PERIOD = re.compile(r"(\d*)([smh])")


def parse_rate(rate):
    """ "10/10m" → (10, 600): at most 10 attempts per 600 seconds. Units: s, m, h; "5/m" means 5 per minute."""
    count, _slash, period = rate.partition("/")
    match = _PERIOD.fullmatch(period.strip())
    if not count.strip().isdigit() or not match:
        raise ValueError(f"A rate reads N/period with a period in s, m or h, like 10/10m, not {rate!r}")
    seconds = int(match[1] or 1) * UNITS[match[2]]
    if seconds == 0:
        raise ValueError(f"The period of {rate!r} is zero")
    return int(count), seconds


def allow(scope, client, rate):
    """Count one attempt of `client` in `scope`; False once it is over the limit within the current window."""
    limit, period = parse_rate(rate)
    key = f"ratelimit:{scope}:{client}"
    cache.add(key, 0, timeout=period)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=period)
        attempts = 1
    return attempts <= limit


def client_address(request):
    """The client's address exactly as allauth's sign-in limits see it, so one proxy setting
    (TRUSTED_PROXY_COUNT or TRUSTED_CLIENT_IP_HEADER) serves both."""
    return get_adapter(request).get_client_ip(request) or "unknown"
