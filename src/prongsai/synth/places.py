"""Which agencies a synthetic country has: one per chosen subdistrict (geothai's DOPA
register), named and kinded like real local governments, plus the provincial ones.

Thailand has ~7,800 local governments: about two thirds องค์การบริหารส่วนตำบล, the rest
municipalities (mostly เทศบาลตำบล, some เทศบาลเมือง, a few เทศบาลนคร) and one
องค์การบริหารส่วนจังหวัด per province. Bangkok's khwaeng have no local government of their own.
"""

import random
import re
from dataclasses import dataclass

import geothai

from prongsai.agencies.models import AgencyKind
from prongsai.thai.digits import to_thai_digits

# The mark of a synthetic agency: its slug starts with it (the guard reads it).
SLUG_PREFIX = "synth-"
# Roughly the national mix of local governments (out of 1000 subdistrict agencies).
KIND_WEIGHTS = (
    (AgencyKind.SAO, 680),
    (AgencyKind.SUBDISTRICT_MUNICIPALITY, 285),
    (AgencyKind.TOWN, 30),
    (AgencyKind.CITY, 5),
)
NAME_PREFIX = {
    AgencyKind.SAO: "องค์การบริหารส่วนตำบล",
    AgencyKind.SUBDISTRICT_MUNICIPALITY: "เทศบาลตำบล",
    AgencyKind.TOWN: "เทศบาลเมือง",
    AgencyKind.CITY: "เทศบาลนคร",
    AgencyKind.PAO: "องค์การบริหารส่วนจังหวัด",
}
DOMAIN_STEM = {
    AgencyKind.SAO: "sao",
    AgencyKind.SUBDISTRICT_MUNICIPALITY: "tambon",
    AgencyKind.TOWN: "muang",
    AgencyKind.CITY: "nakhon",
    AgencyKind.PAO: "pao",
    AgencyKind.BANGKOK: "",
}
# The full national size the bench loads (about the number of agencies ITA assesses).
NATIONAL = 8300


@dataclass(frozen=True)
class PlannedAgency:
    slug: str
    name: str
    kind: str
    province_code: str
    district_code: str
    subdistrict_code: str
    province: str
    district: str
    subdistrict: str
    domain: str
    document_number: str


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower()) or "agency"


def _all_subdistricts() -> list[tuple[geothai.Province, geothai.District, geothai.Subdistrict]]:
    found = []
    for province in geothai.provinces():
        if province.code == "10":
            continue
        for district in geothai.districts(province.code):
            for subdistrict in geothai.subdistricts(district.code):
                found.append((province, district, subdistrict))
    return found


def _spread(rng: random.Random, count: int, total: int) -> list[int]:
    """`count` indexes of `total`, one in each of `count` equal strides: spread over the
    whole list (every region), never its first rows."""
    edges = [i * total // count for i in range(count + 1)]
    return [rng.randrange(edges[i], edges[i + 1]) for i in range(count)]


def _pick_kind(rng: random.Random) -> str:
    kinds = [k for k, _w in KIND_WEIGHTS]
    weights = [w for _k, w in KIND_WEIGHTS]
    return str(rng.choices(kinds, weights)[0])


def plan_agencies(rng: random.Random, count: int) -> list[PlannedAgency]:
    """`count` agencies: the provincial ones in proportion (one per province at national
    size; Bangkok itself among them), the rest one per subdistrict spread over the country
    (a second, municipal one in a subdistrict when more are asked than there are
    subdistricts)."""
    provinces = geothai.provinces()
    provincial = min(len(provinces), max(1 if count >= 10 else 0, count * 77 // NATIONAL))
    planned: list[PlannedAgency] = []
    domains: set[str] = set()
    numbers: dict[str, int] = {}

    def add(kind: str, name: str, slug: str, place: tuple[str, ...], english: str) -> None:
        stem = DOMAIN_STEM.get(AgencyKind(kind), "") + _ascii(english)
        domain, n = f"www.{stem}.go.th", 1
        while domain in domains:
            n += 1
            domain = f"www.{stem}{n}.go.th"
        domains.add(domain)
        province_code = place[0]
        numbers[province_code] = numbers.get(province_code, 0) + 1
        planned.append(
            PlannedAgency(
                slug=slug,
                name=name,
                kind=kind,
                province_code=province_code,
                district_code=place[1],
                subdistrict_code=place[2],
                province=place[3],
                district=place[4],
                subdistrict=place[5],
                domain=domain,
                document_number=to_thai_digits(f"{province_code}{numbers[province_code]:03d}"),
            )
        )

    for index in sorted(_spread(rng, provincial, len(provinces))) if provincial else []:
        province = provinces[index]
        place = (province.code, "", "", province.name_th, "", "")
        if province.code == "10":
            add(AgencyKind.BANGKOK, "กรุงเทพมหานคร", SLUG_PREFIX + "bangkok", place, "bangkok")
        else:
            name = NAME_PREFIX[AgencyKind.PAO] + province.name_th
            add(AgencyKind.PAO, name, f"{SLUG_PREFIX}pao-{province.code}", place, province.name_en)
    local = count - len(planned)
    subdistricts = _all_subdistricts()
    chosen = _spread(rng, min(local, len(subdistricts)), len(subdistricts)) if local > 0 else []
    seconds = max(0, local - len(subdistricts))
    second_set = set(_spread(rng, seconds, len(subdistricts))) if seconds else set()
    for index in chosen:
        province, district, sub = subdistricts[index]
        kinds = [_pick_kind(rng)]
        if index in second_set:  # an อบต. and a เทศบาลตำบล in the same subdistrict
            kinds = [AgencyKind.SAO, AgencyKind.SUBDISTRICT_MUNICIPALITY]
        for n, kind in enumerate(kinds):
            place = (
                province.code,
                district.code,
                sub.code,
                province.name_th,
                district.name_th.removeprefix("เขต"),
                sub.name_th,
            )
            slug = f"{SLUG_PREFIX}{sub.code}" + (f"-{n + 1}" if n else "")
            add(kind, NAME_PREFIX[AgencyKind(kind)] + sub.name_th, slug, place, sub.name_en)
    return planned[:count]
