"""Unique, Indonesian-sounding names for synthetic entities.

Every generated name and alias is distinct after normalisation (the loader refuses names
that two unrelated entities share), and none equals a name in seed/.
"""

from __future__ import annotations

_PREFIXES = (
    "Ci",
    "Suka",
    "Banjar",
    "Tanjung",
    "Sungai",
    "Karang",
    "Pasir",
    "Muara",
    "Bukit",
    "Teluk",
    "Kali",
    "Rawa",
    "Pangkal",
    "Sidi",
    "Tegal",
    "Batu",
    "Lubuk",
    "Air",
    "Padang",
    "Koto",
)
_ROOTS = (
    "mahi",
    "jaya",
    "maju",
    "sari",
    "wangi",
    "rejo",
    "makmur",
    "harjo",
    "asri",
    "mulya",
    "indah",
    "permai",
    "agung",
    "mekar",
    "raya",
    "sentosa",
    "baru",
    "lestari",
    "tirta",
    "kencana",
)
_QUARTERS = ("Barat", "Timur", "Utara", "Selatan", "Tengah", "Hilir", "Hulu", "Pesisir")
_GIVEN = (
    "Adi",
    "Bayu",
    "Citra",
    "Dewi",
    "Eko",
    "Fajar",
    "Gita",
    "Hadi",
    "Indra",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nur",
    "Oki",
    "Putri",
    "Rahmat",
    "Sri",
    "Taufik",
    "Wahyu",
)
_FAMILY = (
    "Pratama",
    "Saputra",
    "Wibowo",
    "Kusuma",
    "Hidayat",
    "Nugroho",
    "Santoso",
    "Halim",
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Sinaga",
    "Wijaya",
    "Setiawan",
    "Gunawan",
)
TOPICS = (
    "Transformasi Digital",
    "Layanan Publik",
    "Data dan Statistik",
    "Keamanan Siber",
    "Infrastruktur Digital",
    "Aparatur Negara",
    "Keuangan Daerah",
    "Kesehatan",
    "Pendidikan",
    "Perhubungan",
    "Pertanian",
    "Kelautan",
    "Perindustrian",
    "Perdagangan",
    "Ketenagakerjaan",
    "Lingkungan Hidup",
    "Ekonomi Kreatif",
    "Energi",
    "Perumahan",
    "Kebudayaan",
)


def _numbered(base: str, cycle: int) -> str:
    return base if cycle == 0 else f"{base} {cycle + 1}"


def place(index: int) -> str:
    """A unique place name: prefix + root + quarter, numbered once the combinations run out
    (the quarter keeps every name off the real places in seed/)."""
    prefix = _PREFIXES[index % len(_PREFIXES)]
    rest = index // len(_PREFIXES)
    root = _ROOTS[rest % len(_ROOTS)]
    rest //= len(_ROOTS)
    quarter = _QUARTERS[rest % len(_QUARTERS)]
    return _numbered(f"{prefix}{root} {quarter}", rest // len(_QUARTERS))


def person(index: int) -> str:
    given = _GIVEN[index % len(_GIVEN)]
    rest = index // len(_GIVEN)
    middle = _GIVEN[(rest // len(_FAMILY)) % len(_GIVEN)]
    family = _FAMILY[rest % len(_FAMILY)]
    cycle = rest // (len(_FAMILY) * len(_GIVEN))
    return _numbered(f"{given} {middle} {family}", cycle)


def topic(index: int) -> str:
    return _numbered(TOPICS[index % len(TOPICS)], index // len(TOPICS))
