"""A fake of Stripe's HTTP API given to the real SDK (`stripe.StripeClient(http_client=…)`): the SDK builds, sends
and parses every request as it would against api.stripe.com; only the socket is replaced."""

import json
import secrets
from urllib.parse import parse_qs, urlparse

import stripe


class FakeStripe(stripe.HTTPClient):
    name = "fake"

    def __init__(self):
        super().__init__()
        self.requests = []
        self.sessions = {}
        self.refunds = {}
        self.refunded = {}  # payment intent id → amount refunded
        self.fail_with = None  # (status, error body) to answer every request with

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parsed = urlparse(url)
        form = {key: values[-1] for key, values in parse_qs(post_data or "").items()}
        query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        self.requests.append({"method": method, "path": parsed.path, "form": form, "query": query, "headers": headers})
        if self.fail_with:
            status, body = self.fail_with
            return json.dumps(body), status, {}
        path = parsed.path
        if method == "post" and path == "/v1/checkout/sessions":
            session_id = f"cs_test_{secrets.token_hex(8)}"
            body = {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                "amount_total": sum(
                    int(form[key]) for key in form if key.startswith("line_items[") and key.endswith("[unit_amount]")
                ),
                "currency": "ron",
                "status": "open",
                "payment_status": "unpaid",
                "metadata": {"payment": form.get("metadata[payment]")},
                "payment_intent": None,
                "created": 1_700_000_000,
            }
            self.sessions[session_id] = body
            return json.dumps(body), 200, {}
        if method == "post" and path.startswith("/v1/checkout/sessions/") and path.endswith("/expire"):
            session_id = path.split("/")[4]
            self.sessions[session_id]["status"] = "expired"
            return json.dumps(self.sessions[session_id]), 200, {}
        if method == "post" and path == "/v1/refunds":
            refund_id = f"re_test_{secrets.token_hex(8)}"
            body = {
                "id": refund_id,
                "object": "refund",
                "amount": int(form["amount"]),
                "payment_intent": form["payment_intent"],
                "status": "pending",
                "metadata": {"refund": form.get("metadata[refund]"), "payment": form.get("metadata[payment]")},
            }
            self.refunds[refund_id] = body
            self.refunded[body["payment_intent"]] = self.refunded.get(body["payment_intent"], 0) + body["amount"]
            return json.dumps(body), 200, {}
        if method == "get" and path == "/v1/checkout/sessions":
            data = [dict(session) for session in self.sessions.values()]
            if query.get("expand[0]") == "data.payment_intent.latest_charge":
                for session in data:
                    if session["payment_intent"]:
                        intent = session["payment_intent"]
                        session["payment_intent"] = {
                            "id": intent,
                            "object": "payment_intent",
                            "latest_charge": {
                                "id": f"ch_{intent}",
                                "object": "charge",
                                "amount_refunded": self.refunded.get(intent, 0),
                            },
                        }
            return json.dumps({"object": "list", "data": data, "has_more": False, "url": path}), 200, {}
        return (
            json.dumps({"error": {"message": f"No fake for {method} {path}", "type": "invalid_request_error"}}),
            404,
            {},
        )

    def close(self):
        pass

    def pay(self, session_id, payment_intent):
        """What Stripe's books say once the payer paid in the hosted checkout."""
        self.sessions[session_id].update(
            {"status": "complete", "payment_status": "paid", "payment_intent": payment_intent}
        )
