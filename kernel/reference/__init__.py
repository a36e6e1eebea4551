"""Reference data shared by plugins: province-level divisions and their regional groupings.

The seed never says which province is 东部/中部/西部/东北; the table comes from
the external sources named in ``regions.yaml`` and is reported as such.
"""

from __future__ import annotations

from functools import lru_cache

import attrs

from zhengce.contracts import Text

ZONES = {
    "three_zone": ("east", "middle", "west"),
    "four_zone": ("east", "middle", "west", "northeast"),
}
ZONE_LABELS = {
    "east": Text(zh="东部", en="east"),
    "middle": Text(zh="中部", en="middle"),
    "west": Text(zh="西部", en="west"),
    "northeast": Text(zh="东北", en="northeast"),
}


@attrs.frozen(kw_only=True)
class Province:
    """A province-level division: GB/T 2260 code, names and its zone in each scheme."""

    code: str
    name: str
    short: str
    en: str
    zones: dict[str, str]


@attrs.frozen(kw_only=True)
class ZoneScheme:
    """A regional grouping and where it comes from (always external to the seed)."""

    name: str
    label: Text
    documents: tuple[str, ...]
    note: Text


@attrs.frozen(kw_only=True)
class Regions:
    provinces: tuple[Province, ...]
    schemes: dict[str, ZoneScheme]
    _lookup: dict[str, Province]

    def province(self, key: str | None) -> Province | None:
        """Find a province by full name, short name, English name or GB/T 2260 code (2 or 6 digits)."""
        if key is None:
            return None
        k = str(key).strip()
        if k.isdigit() and len(k) == 2:
            k += "0000"
        return self._lookup.get(k) or self._lookup.get(k.lower())

    def zone(self, province: Province, scheme: str) -> str:
        return province.zones[scheme]


@lru_cache(maxsize=1)
def regions() -> Regions:
    """The province table (loaded once)."""
    from ..parameters import package_text, read_yaml

    raw = read_yaml(package_text(__name__, "regions.yaml"), f"{__name__}/regions.yaml")
    provinces = []
    lookup: dict[str, Province] = {}
    for p in raw["provinces"]:
        prov = Province(code=p["code"], name=p["name"], short=p["short"], en=p["en"],
                        zones={s: p[s] for s in ZONES})
        for s, z in prov.zones.items():
            if z not in ZONES[s]:
                raise ValueError(f"regions.yaml: {prov.name}: {z!r} is not a zone of {s}")
        provinces.append(prov)
        for key in (prov.code, prov.name, prov.short, prov.en.lower()):
            lookup[key] = prov
    schemes = {
        name: ZoneScheme(name=name, label=Text(**s["label"]), documents=tuple(s["source"]["documents"]),
                         note=Text(**s["source"]["note"]))
        for name, s in raw["schemes"].items()
    }
    return Regions(provinces=tuple(provinces), schemes=schemes, lookup=lookup)
