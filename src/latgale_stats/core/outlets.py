"""The outlet policy (``outlets.toml``, data kept with the package): which sites a figure may be read
on before it is cited, and how each is named in a citation.

The *publisher* produced a number (NVA, CSP, Lursoft, Eurostat); the *outlet* is the site where it
was read (the host of the row's URL). A citation names both, e.g. "NVA data, published by LSM".
A figure read on the publisher's own site (``[own]``: nva.gov.lv for NVA) is the publisher's release,
not a report of it (:func:`own_site`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from urllib.parse import urlparse


class Standing(StrEnum):
    OFFICIAL = "official"  # the publisher's own site, a statistics database, a public body
    MEDIA = "media"  # an established news outlet
    REFUSED = "refused"  # never cited
    UNKNOWN = "unknown"  # not in the policy yet: accepted with a warning


@dataclass(frozen=True)
class Outlet:
    host: str  # the URL's host name, as written (www. dropped)
    domain: str  # the policy entry it matched ("" when unknown)
    standing: Standing
    name: str  # display name (the host when unknown); for refused outlets, the reason

    @property
    def citable(self) -> bool:
        return self.standing != Standing.REFUSED


@cache
def policy() -> dict[str, tuple[Standing, str]]:
    text = resources.files(__package__ or "latgale_stats.core").joinpath("outlets.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {
        domain: (Standing(section), str(name))
        for section in ("official", "media", "refused")
        for domain, name in data.get(section, {}).items()
    }


@cache
def own_sites() -> dict[str, tuple[str, ...]]:
    """Publisher (as the data files write it) -> the domains of its own sites."""
    text = resources.files(__package__ or "latgale_stats.core").joinpath("outlets.toml").read_text(encoding="utf-8")
    return {publisher: tuple(domains) for publisher, domains in tomllib.loads(text).get("own", {}).items()}


def own_site(publisher: str, url: str) -> bool:
    """Whether ``url`` is on one of ``publisher``'s own sites ('https://www.nva.gov.lv/…' for NVA; a
    subdomain counts: data.stat.gov.lv is the CSP's)."""
    site = host(url)
    return bool(site) and any(site == d or site.endswith("." + d) for d in own_sites().get(publisher.strip(), ()))


def host(url: str) -> str:
    """The site of a URL: 'https://www.lsm.lv/raksts/…' -> 'lsm.lv'."""
    try:
        name = (urlparse(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:  # not a URL at all ('http://[x', a damaged cell): no site, so no outlet
        return ""
    return name[4:] if name.startswith("www.") else name


def outlet(url: str) -> Outlet | None:
    """The outlet a URL points to, by the longest policy domain its host ends with; None without a URL."""
    site = host(url)
    if not site:
        return None
    rules = policy()
    parts = site.split(".")
    for i in range(len(parts) - 1):
        domain = ".".join(parts[i:])
        if domain in rules:
            standing, name = rules[domain]
            return Outlet(site, domain, standing, name)
    return Outlet(site, "", Standing.UNKNOWN, site)
