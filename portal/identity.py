"""Identity verified by ROeID (the national eID, OpenID Connect): the CNP it vouches for, and its session.

`cnp_verified` is sent, with ``user=``, ``cnp=`` and ``request=``, each time a person signs in through ROeID (a new
account or an existing one) and the claim named by ``ROEID_CNP_CLAIM`` holds a valid CNP. It is sent from allauth's
``user_logged_in`` signal, which fires after the account row is saved (allauth saves a new user before it signs them
in) and only once the sign-in really completes (e-mail verification and two-factor steps included: allauth carries the
social login through them). The user's ``cnp`` is brought in line with the verified claim before it is sent. Other apps
connect receivers to it (payments links taxpayers); the portal imports none of them.

The raw ID token is kept in the session at sign-in so that signing out of the portal can also end the ROeID session
(OpenID Connect RP-Initiated Logout 1.0) at the provider's ``end_session_endpoint``.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from allauth.account.signals import user_logged_in
from allauth.core import context
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal, receiver

from .identifiers import is_valid_cnp

logger = logging.getLogger(__name__)

PROVIDER_ID = "roeid"
cnp_verified = Signal()

ID_TOKEN_SESSION_KEY = "portal_roeid_id_token"
# Where the ID token waits between the token response and the sign-in: on the request, then in the social login's
# state, which allauth keeps (serialised in the session) through a pending sign-up form or a two-factor step.
_ID_TOKEN_REQUEST_ATTRIBUTE = "_portal_oidc_id_token"
_ID_TOKEN_STATE_KEY = "portal_id_token"
DISCOVERY_CACHE_SECONDS = 3600
DISCOVERY_FAILURE_CACHE_SECONDS = 300


def claimed_cnp(sociallogin) -> str:
    """The CNP in the claim named by ``ROEID_CNP_CLAIM`` of a ROeID sign-in, if it is a valid one, else ""."""
    claim = settings.ROEID_CNP_CLAIM
    if not claim or sociallogin.account.provider != PROVIDER_ID:
        return ""
    extra = sociallogin.account.extra_data or {}
    # allauth keeps the userinfo response and the decoded ID token apart (before 65.11 the claims were at the top).
    for claims in (extra.get("userinfo"), extra.get("id_token"), extra):
        if isinstance(claims, dict) and claims.get(claim):
            value = claims[claim]
            return value if isinstance(value, str) and is_valid_cnp(value) else ""
    return ""


# --- the ID token, from the token response to the session ---------------------------------------------------------


def keep_id_token(response, *args, **kwargs):
    """A `requests` response hook (see `SocialAccountAdapter.get_requests_session`): allauth's OpenID Connect code
    decodes the ID token of the token response and drops the raw JWT, which RP-Initiated Logout sends back as
    ``id_token_hint``. The hook notes it on the Django request being served; nothing else is changed."""
    request = context.request
    if request is None or response.request.method != "POST" or not response.ok:
        return
    try:
        data = response.json()
    except ValueError:
        return
    if isinstance(data, dict) and isinstance(data.get("id_token"), str):
        setattr(request, _ID_TOKEN_REQUEST_ATTRIBUTE, data["id_token"])


def carry_id_token(request, sociallogin) -> None:
    """Move the ID token noted on the request into the social login's state (from the adapter's pre_social_login)."""
    id_token = getattr(request, _ID_TOKEN_REQUEST_ATTRIBUTE, None)
    if id_token and sociallogin.account.provider == PROVIDER_ID:
        sociallogin.state[_ID_TOKEN_STATE_KEY] = id_token


@receiver(user_logged_in, dispatch_uid="portal.identity.roeid_signed_in")
def roeid_signed_in(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is None or sociallogin.account.provider != PROVIDER_ID:
        return
    id_token = (sociallogin.state or {}).get(_ID_TOKEN_STATE_KEY)
    if id_token and request is not None and hasattr(request, "session"):
        request.session[ID_TOKEN_SESSION_KEY] = id_token
    cnp = claimed_cnp(sociallogin)
    if not cnp:
        return
    if user.cnp != cnp:
        user.cnp = cnp
        user.save(update_fields=["cnp"])
    cnp_verified.send(sender=type(user), user=user, cnp=cnp, request=request)


# --- signing out at ROeID too -----------------------------------------------------------------------------------------


def _roeid_provider(request):
    from allauth.socialaccount.adapter import get_adapter

    try:
        return get_adapter(request).get_provider(request, PROVIDER_ID)
    except SocialApp.DoesNotExist:
        return None


def discovery_document(request, provider) -> dict:
    """The provider's OpenID configuration, fetched by allauth's own OpenID Connect adapter (which keeps it for one
    request only) and kept in the cache for an hour; a failed fetch is remembered for five minutes, so that an
    unreachable provider does not hold up every sign-out."""
    from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter

    key = "portal:oidc-discovery:" + hashlib.sha256(provider.server_url.encode()).hexdigest()
    config = cache.get(key)
    if config is None:
        try:
            config = OpenIDConnectOAuth2Adapter(request, provider.app.provider_id).openid_config
        except (requests.RequestException, ValueError):
            logger.warning("The discovery document of %s could not be fetched", provider.server_url, exc_info=True)
            cache.set(key, {}, DISCOVERY_FAILURE_CACHE_SECONDS)
            return {}
        cache.set(key, config, DISCOVERY_CACHE_SECONDS)
    return config if isinstance(config, dict) else {}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _form_action_allows(url: str) -> bool:
    """Whether the CSP form-action of the portal's pages lets the sign-out form be redirected to ``url``. After a
    redirect CSP compares origins only (CSP Level 3, "path-part matching" is skipped when redirected)."""
    sources = settings.CONTENT_SECURITY_POLICY.get("DIRECTIVES", {}).get("form-action", ["'self'"])
    return _origin(url) in {_origin(source) for source in sources if "://" in source}


def end_session_url(request, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser after the local sign-out so that the ROeID session ends too, or None when the person
    did not sign in with ROeID in this session, or the provider offers no end_session_endpoint."""
    id_token = request.session.get(ID_TOKEN_SESSION_KEY) if hasattr(request, "session") else None
    if not id_token:
        return None
    provider = _roeid_provider(request)
    if provider is None:
        return None
    endpoint = discovery_document(request, provider).get("end_session_endpoint")
    if not isinstance(endpoint, str) or urlsplit(endpoint).scheme not in ("http", "https"):
        return None
    if not _form_action_allows(endpoint):
        logger.warning(
            "ROeID's end_session_endpoint %s is not allowed by CSP form-action: set ROEID_END_SESSION_ORIGIN",
            endpoint,
        )
        return None
    parts = urlsplit(endpoint)
    query = parse_qsl(parts.query, keep_blank_values=True) + [
        ("id_token_hint", id_token),
        ("post_logout_redirect_uri", post_logout_redirect_uri),
        ("client_id", provider.app.client_id),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))
