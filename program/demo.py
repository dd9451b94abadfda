"""What the apps' demo loaders share: one random stream, one 'today' and what was made so far."""

import datetime as dt
import random
from dataclasses import dataclass, field


@dataclass
class DemoContext:
    rng: random.Random
    today: dt.date
    users: dict = field(default_factory=dict)  # username -> User
    groups: list = field(default_factory=list)  # IkmGroup, in demo order
    outlets: list = field(default_factory=list)  # Outlet, in code order
    extra: dict = field(default_factory=dict)  # anything one loader hands to a later one
