"""The words that state a route, in English and Spanish, as regular expressions over folded
text (lower case, no accents), compiled once by ``route_words()``.

Used by ``pukara.extract.routes``: cue words that give a place its role (origin, waypoint,
destination, or a plain locative), the words allowed between a cue and the name, commodity
and transport-mode terms, and the words that make a sentence a movement of goods (or rule it
out: a deployment of police, a river flowing into a lake, a place where someone spoke).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

__all__ = ["CONTAINER_GAP", "Role", "RouteWords", "route_words"]


class Role(Enum):
    """What a cue word makes of the place after it."""

    ORIGIN = "origin"
    VIA = "via"
    DEST = "dest"
    LOC = "loc"  # a locative ("in", "en", "de"): not a role, but a candidate origin


# Cues are regular expressions over folded text (lower case, no accents).
_CUES: dict[Role, list[str]] = {
    Role.ORIGIN: [
        r"from", r"out of", r"leav(?:e|es|ing)", r"left", r"depart(?:s|ed|ing)?(?: from)?",
        r"exit(?:s|ed|ing)?", r"originat(?:es|ed|ing) in", r"produced in", r"grown in",
        r"desde", r"(?:procedente|proveniente)s? del?", r"sal(?:e|en|ia|ian|io|ieron) del?",
        r"sac(?:a|an|aba|aban|ada|adas|ado|ados) del?", r"part(?:e|en|io|ieron) del?",
        r"(?:producid|elaborad)[oa]s? en",
    ],
    Role.VIA: [
        r"through", r"via", r"by way of", r"across", r"along", r"transit(?:s|ing)?",
        r"por", r"a traves del?", r"a lo largo del?", r"cruzando", r"atravesando",
    ],
    Role.DEST: [
        r"(?<!according )(?<!close )(?<!next )(?<!due )(?<!similar )(?<!compared )"
        r"(?<!adjacent )(?<!home )(?<!linked )(?<!access )to",
        r"towards?", r"into", r"onward to", r"on to",
        r"(?<!responsible )(?<!known )(?<!famous )(?<!hub )(?<!point )(?<!route )"
        r"(?<!routes )(?<!corridor )(?<!market )for",
        r"bound for", r"destined for", r"head(?:ed|ing) (?:for|to)", r"en route to",
        r"hacia", r"hasta", r"(?:con )?rumbo al?", r"con destino al?", r"en direccion al?",
        r"camino al?", r"destinad[oa]s? al?", r"lleg(?:a|an|aba|aban|o|aron) al?",
        r"ingres(?:a|an|aba|aban|o|aron) al?",
        r"(?<!frente )(?<!cerca )(?<!junto )(?<!respecto )(?<!gracias )(?<!entre )a", r"al",
        r"para",
    ],
    Role.LOC: [r"in", r"at", r"of", r"en", r"de", r"del"],
}  # fmt: skip
# Words that may stand between a cue and the place name without changing the role.
_FILLERS = [
    r"the", r"el", r"la", r"los", r"las", r"port of", r"ports of", r"puerto del?", r"puerto",
    r"city of", r"ciudad del?", r"town of", r"localidad del?", r"department of",
    r"departamento del?", r"region of", r"region del?", r"region", r"province of",
    r"provincia del?", r"district of", r"distrito del?", r"river", r"rio", r"valley of",
    r"valle del?", r"valle", r"border with", r"frontera con", r"area of", r"zona del?",
    r"cuenca del?", r"basin of", r"capital", r"nearby", r"neighbou?ring", r"vecin[oa]",
    r"peruvian", r"peruan[oa]", r"brazilian", r"brasilen[oa]", r"colombian", r"colombian[oa]",
    r"bolivian", r"bolivian[oa]", r"ecuadorian", r"ecuatorian[oa]", r"then", r"luego",
    r"finally", r"finalmente", r"directly", r"directamente", r"mainly", r"principalmente",
]  # fmt: skip
# Between two coordinated places ("%s" is the filler alternation).
_CONJ = r"^\s*(?:,\s*)?(?:(and|y|e|as well as)|(or|o|u))\s+(?:(?:%s)\s+)*$"
_COMMA = r"^\s*,\s*(?:(?:%s)\s+)*$"
CONTAINER_GAP = re.compile(r"^\s*(?:,|in|en|,\s*en|,\s*in)\s*(?:the\s+)?$")

_COMMODITIES: list[tuple[str, str]] = [
    ("coca paste", r"pasta basica(?: de cocaina)?|pasta base|pbc|coca paste|cocaine paste"
                   r"|cocaine base(?: paste)?|coca base|base de cocaina|basic paste"),
    ("coca leaf", r"hojas? de coca|coca lea(?:f|ves)"),
    ("cocaine", r"cocaine(?: hydrochloride)?|(?:clorhidrato|alcaloide) de cocaina|cocaina"),
    ("cannabis", r"marijuana|marihuana|cannabis"),
    ("opium", r"opium|opio|amapola|poppy|heroin|heroina"),
    ("gold", r"gold|oro"),
    ("mercury", r"mercury|mercurio"),
    ("timber", r"timber|lumber|wood|logs|madera|trozas"),
    ("precursors", r"precursors?|precursores|insumos(?: quimicos)?|chemical inputs|chemicals"
                   r"|kerosene?|querosene|acetone|acetona|acido sulfurico|sulfuric acid"),
    ("weapons", r"weapons|firearms|guns|ammunition|armas|municiones|explosiv(?:es|os)"),
    ("drugs", r"drugs?|drogas?|narcotics|narcoticos|estupefacientes|alcaloide"),
]  # fmt: skip
_MODES: list[tuple[str, str]] = [  # in order of precedence when a sentence names several
    ("footpath", r"mochiler\w*|backpack\w*|burriers?|on foot|a pie|trochas?|footpaths?"
                 r"|cargachos?|porters?"),
    ("air", r"aircraft|airplanes?|planes?|avionetas?|narcoavionetas?|aeronaves?|flights?"
            r"|flown|fly|flies|flew|vuelos?|air bridge|puente aereo|airstrips?|narcopistas?"
            r"|pistas? clandestinas?|by air|por aire|via aerea"),
    ("lake", r"lake|lago|lacustre"),
    ("sea", r"containers?|contenedor(?:es)?|shipped|ships?|vessels?|buques?|barcos?"
            r"|maritim[oa]s?|maritime|by sea|por mar|seaports?|semi-?submersibles?"
            r"|semisumergibles?|pesquer[oa]s?|reefers?"),
    ("river", r"boats?|botes?|lanchas?|embarcaci\w*|peque-peque|deslizador\w*|chatas?"
              r"|barges?|riverboats?|fluvial\w*|by river|por rio|canoes?|canoas?|rafts?"),
    ("road", r"trucks?|trucked|camion\w*|vehicles?|vehiculos?|cars?|buses|bus|highway"
             r"|carreteras?|roads?|por tierra|by land|overland|terrestre\w*|cisternas?"
             r"|pickups?|trailers?"),
]  # fmt: skip
_MOVE = (
    r"smuggl\w*|trafficked|ship(?:s|ped|ping)?|shipments?|transport\w*|mov(?:e|es|ed|ing)"
    r"|flown|fly|flies|flew|carr(?:y|ies|ied)|sent|send(?:s|ing)?|export\w*|leav(?:e|es|ing)|left"
    r"|depart\w*|bound for|destined|head(?:ed|ing)|routes?|corridors?|transit\w*|flow\w*"
    r"|trucked|ferried|dispatch\w*|routed|enter\w*|cross\w*|pass(?:es|ed|ing)? through"
    r"|trafica(?:n|do|da|dos|das|ba|ban)?|traslad\w*|envi(?:a|an|o|aron|ad[oa]s?|ar|aba|aban)"
    r"|sal(?:e|en|ia|ian|io"
    r"|ieron|ida)|sac(?:a|an|ar|aba|aban|ad[oa]s?)|llev\w*|muev\w*|movi\w*|ingres\w*"
    r"|entr(?:a|an|o|aron|aba|aban)|cruz\w*|pas(?:a|an|o|aron|aba|aban)|rutas?|corredor\w*"
    r"|destino|rumbo|desplaz\w*|despach\w*|circul\w*|vuelos?|embarc\w*|lleg\w*|abastec\w*"
)
# Words that put what follows after what precedes: "to B, then to C", "for export
# through C", "desde donde".
_ONWARD = (
    r"then|later|afterwards|onwards?|from there|from where|luego|despues|posteriormente"
    r"|finalmente|desde donde|de donde|desde alli|de alli|de ahi|desde ahi|continu\w*"
    r"|export\w*|re-?export\w*"
)
# Before a bare "for", a word of leaving makes it a destination ("leaves ... for Bolivia").
_DEPARTURE = (
    r"leav\w*|left|depart\w*|sail\w*|set(?:s|ting)? off|fl(?:y|ies|ew|own)|ship\w*|bound"
    r"|destined|head(?:s|ed|ing)?|loaded|dispatch\w*"
)
# Who moves when a movement word is a deployment: police and troops are not goods.
_FORCES = (
    r"police|policias?|officers|soldiers|soldados|troops|tropas|efectivos|militares|agentes"
    r"|personnel|brigad\w*|patrol\w*|fiscales|prosecutors|inspectors|inspectores"
)
# A river flowing into a lake or river is hydrography, not a route.
_HYDRO = (
    r"(?:flows?|flowing|drains?|draining|empt(?:y|ies)|desemboca\w*|vierte\w*|fluye\w*"
    r"|discurre\w*)\s+(?:into|in|to|en|al?|hacia)"
)
# Words of saying: a place before them is where someone spoke, not where goods were.
_REPORTING = (
    r"said|says|told|report\w*|accord\w*|announc\w*|stated|dijo|dijeron|inform\w*"
    r"|senal\w*|indic\w*|segun|anunci\w*|declar\w*|explic\w*"
)
_ILLICIT = (
    r"narco\w*|traffick\w*|trafic\w*|smuggl\w*|contraband\w*|contrabando|illegal\w*|ilegal\w*"
    r"|illicit\w*|ilicit\w*|clandestin\w*|mafias?|cartel\w*"
)


@dataclass(frozen=True, slots=True)
class RouteWords:
    """The compiled expressions; ``cue`` names its groups by ``Role`` and ``commodity`` its
    groups c0, c1, ... (``commodity_names`` maps them to commodity names)."""

    cue: re.Pattern[str]
    conj: re.Pattern[str]
    comma: re.Pattern[str]
    move: re.Pattern[str]
    illicit: re.Pattern[str]
    reporting: re.Pattern[str]
    repeat: re.Pattern[str]
    onward: re.Pattern[str]
    departure: re.Pattern[str]
    deployment: re.Pattern[str]
    hydro: re.Pattern[str]
    commodity: re.Pattern[str]
    modes: tuple[tuple[str, re.Pattern[str]], ...]
    commodity_names: dict[str, str] = field(default_factory=dict)


def _words(alternatives: list[str]) -> str:
    return r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"


@lru_cache(maxsize=1)
def route_words() -> RouteWords:
    """The word lists compiled (once per process)."""
    fillers = "|".join(_FILLERS)
    cue_groups = "|".join(
        f"(?P<{role.name}>" + "|".join(cues) + ")" for role, cues in _CUES.items()
    )
    # A cue, then only filler words up to the place: anchored at the window's end.
    cue = re.compile(rf"(?<![\w-])(?:{cue_groups})\s+(?:(?:{fillers})\s+)*$")
    names = {f"c{i}": name for i, (name, _) in enumerate(_COMMODITIES)}
    commodity = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(_COMMODITIES))
        + r")(?![\w-])"
    )
    return RouteWords(
        cue=cue,
        conj=re.compile(_CONJ % fillers),
        comma=re.compile(_COMMA % fillers),
        move=re.compile(_words([_MOVE])),
        illicit=re.compile(_words([_ILLICIT])),
        reporting=re.compile(_words([_REPORTING])),
        repeat=re.compile(r"^\s*,?\s*(?:and|y|e|or|o|u)\s"),
        onward=re.compile(_words([_ONWARD])),
        departure=re.compile(_words([_DEPARTURE])),
        deployment=re.compile(rf"(?:{_MOVE})\W+(?:[\w,.-]+\W+){{0,4}}?(?:{_FORCES})\b"),
        hydro=re.compile(rf"(?<![\w-])(?:{_HYDRO})\s+(?:(?:{fillers})\s+)*$"),
        commodity=commodity,
        modes=tuple((name, re.compile(_words([p]))) for name, p in _MODES),
        commodity_names=names,
    )
