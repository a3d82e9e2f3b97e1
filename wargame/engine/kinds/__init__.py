"""Feature kinds: one module per kind family, one behaviour object per kind.

The engine looks a kind up here and never branches on kind names itself.
"""

from __future__ import annotations

from wargame.engine.kinds.base import Behaviour
from wargame.engine.kinds.cart import Cart
from wargame.engine.kinds.catalog import Catalog
from wargame.engine.kinds.counter import Counter
from wargame.engine.kinds.feed import AuditLog, Feed
from wargame.engine.kinds.inventory import Inventory
from wargame.engine.kinds.messaging import Messaging
from wargame.engine.kinds.payment import Payment
from wargame.engine.kinds.rate_limiter import RateLimiter
from wargame.engine.kinds.revocation import Revocation

BEHAVIOURS: dict[str, Behaviour] = {
    "inventory": Inventory(),
    "counter": Counter(),
    "rate_limiter": RateLimiter(),
    "feed": Feed(),
    "audit_log": AuditLog(),
    "messaging": Messaging(),
    "block_list": Revocation(),
    "moderation": Revocation(),
    "access_control": Revocation(),
    "erasure": Revocation(),
    "session": Revocation(),
    "payment": Payment(),
    "catalog": Catalog(),
    "cart": Cart(),
}


def behaviour(kind: str) -> Behaviour:
    """The behaviour object of a kind."""
    return BEHAVIOURS[kind]
