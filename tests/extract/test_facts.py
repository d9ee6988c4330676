"""Quantitative facts from sentences (pukara.extract.facts) and the tables behind them.

Every sentence in this file is invented for these tests (demo text, English and Spanish);
none is quoted from a report. Place ids such as "zone:a" are made up too.
"""

from __future__ import annotations

import pytest

from pukara.extract.facts import extract_facts
from pukara.extract.text import split_sentences
from pukara.model import Fact
from pukara.refdata import load_event_types, load_indicators, load_quantity_terms, load_units


def _facts(
    text: str,
    language: str | None = "en",
    places: list[tuple[str, str]] | None = None,
    default: str | None = None,
) -> list[Fact]:
    """Facts of ``text``; ``places`` are (surface, id) pairs located by their first match."""
    spans = []
    for surface, place_id in places or []:
        start = text.index(surface)
        spans.append((start, start + len(surface), place_id))
    return extract_facts(text, split_sentences(text), language, spans, default)


def _one(text: str, language: str | None = "en") -> Fact:
    found = _facts(text, language)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- indicators


@pytest.mark.parametrize(
    ("text", "language", "indicator"),
    [
        # invented sentences: coca cultivation, eradication and targets
        (
            "In 2013, security forces eradicated 24,000 hectares of coca.",
            "en",
            "coca_eradication_area",
        ),
        (
            "Security forces destroyed about 24,000 hectares of coca crops.",
            "en",
            "coca_eradication_area",
        ),
        ("En 2022 el CORAH erradicó 18.000 hectáreas de coca.", "es", "coca_eradication_area"),
        ("Coca cultivation covered 61,800 hectares in 2020.", "en", "coca_cultivation_area"),
        ("Traffickers use some 60,000 hectares to grow coca.", "en", "coca_cultivation_area"),
        (
            "La superficie cultivada con coca llegó a 92.000 hectáreas.",
            "es",
            "coca_cultivation_area",
        ),
        (
            "The government set a goal of destroying 30,000 hectares of coca.",
            "en",
            "eradication_target_area",
        ),
        (
            "The target is to eradicate 30,000 hectares of coca crops in 2014.",
            "en",
            "eradication_target_area",
        ),
        (
            "La meta de erradicación para 2023 es de 25.000 hectáreas de coca.",
            "es",
            "eradication_target_area",
        ),
        ("The aim is to eradicate 75 percent of the coca crops.", "en", "eradication_target_share"),
        ("The valley produces 54 percent of the country's coca.", "en", "share_of_national_coca"),
        ("Coca prices rose 15 percent.", "en", "other"),
        # cocaine, paste, drugs on the move
        ("Police seized 2.3 tonnes of cocaine hidden in bananas.", "en", "cocaine_seizures"),
        ("La policía incautó 340 kilos de clorhidrato de cocaína.", "es", "cocaine_seizures"),
        ("Agents seized 500 kilos of coca paste.", "en", "coca_paste_seizures"),
        ("Peru produced about 800 tonnes of cocaine.", "en", "cocaine_production"),
        ("The strips move up to 20 tons of drugs a month.", "en", "drugs_moved_monthly"),
        # labs and airstrips
        ("Police destroyed 14 laboratories in the jungle.", "en", "labs_destroyed"),
        ("Some 300 clandestine laboratories operate in the valley.", "en", "clandestine_labs"),
        ("The air force disabled 12 airstrips near the border.", "en", "airstrips_destroyed"),
        (
            "Intelligence identified 72 illegal air strips in the region.",
            "en",
            "clandestine_airstrips",
        ),
        ("La FAP inutilizó seis pistas de aterrizaje clandestinas.", "es", "airstrips_destroyed"),
        # money
        (
            "The United States is providing $85 million in 2014 for security.",
            "en",
            "us_security_aid",
        ),
        ("The European Union is providing $43 million for prevention.", "en", "eu_aid"),
        (
            "In 2013, Peru spent $278 million of its own money on the fight.",
            "en",
            "peru_counternarcotics_spending",
        ),
        ("A foundation donated $2 million to a cacao cooperative.", "en", "funding"),
        ("The cooperative received $2 million.", "en", "funding"),  # money with no cue
        ("Front companies laundered $85 million through gold exports.", "en", "money_laundered"),
        # violence and people
        ("Two soldiers were killed in the ambush.", "en", "security_personnel_killed"),
        ("Rebels have killed 65 police agents and soldiers.", "en", "security_personnel_killed"),
        ("Gunmen killed five villagers near the river.", "en", "civilians_killed"),
        ("The attack left 12 dead.", "en", "deaths"),
        ("The faction has between 250 and 300 armed members.", "en", "group_size"),
        ("Police arrested 45 people in the raid.", "en", "arrests"),
        ("La policía detuvo a 23 personas.", "es", "arrests"),
        ("The army deployed 1,200 troops to the border.", "en", "troops_deployed"),
        (
            "Some 75,000 farmers will take part in the programme.",
            "en",
            "farmers_in_alternative_development",
        ),
        ("The homicide rate reached 8.1 per 100,000 inhabitants.", "en", "homicide_rate"),
        # forest and mining
        ("Deforestation wiped out 11,000 hectares of primary forest.", "en", "forest_loss_area"),
        (
            "Illegal gold mining has degraded 9,000 hectares of the reserve.",
            "en",
            "illegal_mining_area",
        ),
        ("Navy crews destroyed 17 dredges on the river.", "en", "dredges_destroyed"),
        ("Peru shares a 1,500-km border with Colombia.", "en", "border_length"),
    ],
)
def test_indicator(text: str, language: str, indicator: str) -> None:
    assert _one(text, language).indicator == indicator


def test_indicators_need_a_fitting_unit() -> None:
    # invented sentence: hectares next to "cocaine seized" are not a seizure in kg
    fact = _one("Police seized cocaine and destroyed 30 hectares of coca.")
    assert fact.unit == "ha"
    assert fact.indicator == "coca_eradication_area"


def test_indicators_that_need_an_object_word_do_not_fire_without_it() -> None:
    # invented sentence: "destroyed" alone says nothing about coca
    fact = _one("Illegal miners destroyed 4,000 hectares of forest.")
    assert fact.indicator != "coca_eradication_area"


# ---------------------------------------------------------------- period


@pytest.mark.parametrize(
    ("text", "language", "periods"),
    [
        # invented sentences
        ("In 2013, forces destroyed 24,000 hectares of coca.", "en", ["2013"]),
        ("Crews will eradicate 30,000 hectares of coca in 2014.", "en", ["2014"]),
        (
            "Coca covered 89,000 hectares in 2024, down from 92,000 hectares in 2023.",
            "en",
            ["2024", "2023"],
        ),
        (
            "In 2013, forces destroyed 24,000 hectares, and in 2014 they plan to destroy 30,000 hectares.",
            "en",
            ["2013", "2014"],
        ),
        (
            "In 2013, forces destroyed 24,000 hectares, the minister said on Jan. 4, 2014.",
            "en",
            ["2013"],
        ),
        ("Between 2020 and 2022, crews eradicated 50,000 hectares.", "en", ["2020/2022"]),
        ("Crews eradicated 50,000 hectares in 2020-2022.", "en", ["2020/2022"]),
        ("Crews eradicated 50,000 hectares in 2020-22.", "en", ["2020/2022"]),
        ("In November 2024, police seized 2 tonnes of cocaine.", "en", ["2024-11"]),
        ("En noviembre de 2024 la policía incautó 2 toneladas de cocaína.", "es", ["2024-11"]),
        ("Durante 2024 se erradicaron 25.000 hectáreas.", "es", ["2024"]),
        ("Since the 2016 peace accords, some 3,000 fighters have rearmed.", "en", ["2016"]),
        ("Police seized 2 tonnes of cocaine.", "en", [None]),
        ("El Decreto Supremo 012-2023 autorizó a 500 efectivos.", "es", [None]),
        ("On 12 March 2024 police seized 2 tonnes of cocaine.", "en", ["2024-03-12"]),
    ],
)
def test_period(text: str, language: str, periods: list[str | None]) -> None:
    assert [f.period for f in _facts(text, language)] == periods


def test_period_comes_from_the_same_sentence_only() -> None:
    # invented text
    facts = _facts("Eradication began in 2013. Police destroyed 14 laboratories.")
    assert [f.period for f in facts] == [None]


# ---------------------------------------------------------------- place


def test_place_is_the_nearest_place_in_the_sentence() -> None:
    # invented sentence
    text = "Police seized 2 tonnes of cocaine in Callao and 1 tonne of paste in Paita."
    facts = _facts(text, places=[("Callao", "town:callao"), ("Paita", "town:paita")])
    assert [f.place_id for f in facts] == ["town:callao", "town:paita"]


def test_place_after_a_locative_preposition_is_preferred() -> None:
    # invented sentence: Lima is where it was said, Huánuco where it happened
    text = "Lima officials said 300 hectares were eradicated in Huánuco."
    facts = _facts(text, places=[("Lima", "town:lima"), ("Huánuco", "region:huanuco")])
    assert [f.place_id for f in facts] == ["region:huanuco"]


def test_default_place_when_the_sentence_names_none() -> None:
    # invented text: the place is named in another sentence only
    text = "The VRAEM is remote. Police destroyed 14 laboratories."
    facts = _facts(text, places=[("VRAEM", "zone:a")], default="zone:b")
    assert [f.place_id for f in facts] == ["zone:b"]


# ---------------------------------------------------------------- evidence, ranges, dedupe


def test_evidence_is_the_sentence_and_original_the_figure() -> None:
    # invented text
    text = "Eradication began.\nIn 2013, forces destroyed about 24,000 hectares of coca."
    (fact,) = _facts(text)
    assert fact.evidence_text == "In 2013, forces destroyed about 24,000 hectares of coca."
    assert fact.evidence.of(text) == fact.evidence_text
    assert fact.original == "24,000 hectares"
    assert (fact.value, fact.unit) == (24000, "ha")


def test_ranges_keep_their_upper_end() -> None:
    # invented sentence
    fact = _one("El grupo tiene entre 200 y 300 combatientes.", "es")
    assert (fact.value, fact.value_max, fact.unit) == (200, 300, "people")


def test_a_repeated_figure_is_kept_once_with_its_period() -> None:
    # invented text: headline, body and a later mention
    text = (
        "Police seize 2 tonnes of cocaine\n"
        "In 2024, police seized 2 tonnes of cocaine in the port.\n"
        "The 2 tonnes were bound for Europe."
    )
    facts = _facts(text)
    assert [(f.value, f.unit, f.period) for f in facts] == [(2, "t", "2024")]


def test_the_same_figure_in_two_years_is_two_facts() -> None:
    # invented text
    text = "Crews eradicated 25,000 hectares in 2022. They eradicated 25,000 hectares in 2023."
    assert [f.period for f in _facts(text)] == ["2022", "2023"]


def test_a_number_word_after_the_is_a_reference_not_a_figure() -> None:
    # invented sentence
    facts = _facts("The two groups together have 300 armed members.")
    assert [(f.value, f.unit) for f in facts] == [(300, "people")]


def test_no_facts_without_figures() -> None:
    # invented text
    text = "Browse latest Browse all 593\n\n1. Asia\n2. Latin America\nThe 2016 accords failed."
    assert _facts(text) == []


def test_unknown_language_reads_both() -> None:
    # invented text, one sentence in each language
    text = "Police seized 1,500 kilos of cocaine. La policía incautó 2500 kilos de cocaína."
    assert [f.value for f in _facts(text, None)] == [1500, 2500]


def test_a_dot_reads_by_the_way_the_whole_text_groups_thousands() -> None:
    # invented text: "265,000" groups with a comma, so "12.450" has a decimal point
    text = "Se incautaron 265,000 soles. Los 11 ladrillos pesaban 12.450 kilogramos."
    assert [f.value for f in _facts(text, "es")] == [265000, 11, 12.45]


def test_a_measured_amount_after_an_article_is_still_a_figure() -> None:
    # invented sentences: "las cuatro toneladas" is an amount; "los dos hermanos" points back
    assert [f.value for f in _facts("Llegaron las cuatro toneladas de cocaína.", "es")] == [4]
    assert _facts("Los dos hermanos fueron detenidos.", "es") == []


def test_every_fact_of_a_mixed_text_is_well_formed() -> None:
    # invented text
    text = (
        "In 2023, DEVIDA reported 92,784 hectares of coca, 36 percent of them in the VRAEM.\n"
        "Police seized 35 tonnes of cocaine and arrested 1,200 people, the ministry said.\n"
        "La FAP inutilizó 47 pistas clandestinas y el Ejército desplegó 3 mil 500 efectivos."
    )
    facts = _facts(text, None)
    assert len(facts) == 6
    units = load_units().canonical
    indicators = {i.id for i in load_indicators()}
    for fact in facts:
        assert fact.unit in units
        assert fact.indicator in indicators
        assert fact.original in fact.evidence_text
        assert fact.evidence.of(text) == fact.evidence_text


# ---------------------------------------------------------------- reference tables


def test_indicator_table_is_consistent_with_units() -> None:
    units = set(load_units().canonical)
    table = load_indicators()
    assert len({i.id for i in table}) == len(table)
    for ind in table:
        assert ind.unit in units, ind.id
        assert set(ind.alt_units) <= units, ind.id
        assert all(c == c.lower() for c in (*ind.cues_en, *ind.cues_es)), ind.id
    assert "other" in {i.id for i in table}
    fallbacks = load_quantity_terms().fallback_indicators
    assert set(fallbacks.values()) <= {i.id for i in table}


def test_unit_table_has_forms_scales_and_nouns() -> None:
    table = load_units()
    forms = {f.form: f for f in table.forms}
    assert forms["hectáreas"].unit == "ha"
    assert forms["pounds"].factor == pytest.approx(0.45359237)
    assert {s.form for s in table.scales} >= {"million", "mil millones", "millones"}
    nouns = dict(table.nouns_for("es"))
    assert nouns["efectivos"] == "people"
    assert nouns["laboratorios"] == "count"


def test_event_types_load_with_tense_markers() -> None:
    events = load_event_types()
    assert len(events) > 10
    seizure = events.get("seizure")
    assert seizure is not None
    assert seizure.triggers_en and seizure.triggers_es
    assert dict(seizure.actor_roles)["agent"]
    assert "will" in events.tense["en"].future
    assert events.tense["es"].future_suffixes
    assert events.negation["es"]


def test_each_figure_keeps_the_year_written_after_it() -> None:
    # Invented sentences (demo text).
    from pukara.extract.document import extract_text

    cases = {
        "Coca grew from 1,500 hectares in 2019 to 6,000 hectares in 2023.": {
            1500.0: "2019", 6000.0: "2023"},
        "los cultivos pasaron de 370 hectáreas en 2017 a 6.300 hectáreas en 2022.": {
            370.0: "2017", 6300.0: "2022"},
        "The VRAEM had 36,000 hectares in 2022, or 38 percent of the national total.": {
            36000.0: "2022", 38.0: "2022"},
    }  # fmt: skip
    for text, expected in cases.items():
        got = {f.value: f.period for f in extract_text(text).facts}
        assert got == expected, text


def test_figure_place_is_where_it_happened_not_dateline_or_destination() -> None:
    # Invented report (demo text).
    from pukara.extract.document import extract_text

    text = (
        "LIMA — Police seized 2,310 kilograms of cocaine at the port of Callao, "
        "bound for Antwerp in Belgium, officials said."
    )
    (fact,) = extract_text(text).facts
    from pukara.refdata.gazetteer import load_gazetteer

    place = load_gazetteer().get(fact.place_id or "")
    assert place is not None and place.name == "Callao"


# ---------------------------------------------------------------- issue 10: periods


def _periods(text: str, language: str = "es", published: str | None = None) -> list[str | None]:
    from pukara.model import FuzzyDate

    date = FuzzyDate.parse(published) if published else None
    sentences = split_sentences(text)
    return [f.period for f in extract_facts(text, sentences, language, [], None, published=date)]


def test_the_base_year_of_a_comparison_is_not_the_figures_period() -> None:
    # invented text: the fall of 3.000 ha is this report's, 2023 is the year it is measured from
    text = (
        "Según el informe de monitoreo 2024 hubo 90.000 hectáreas, una caída de 3.000 "
        "hectáreas en comparación con 2023, cuando se reportaron 93.000 hectáreas."
    )
    assert _periods(text) == ["2024", "2024", "2023"]


def test_a_report_named_with_its_year_dates_the_figures_that_follow() -> None:
    # invented text
    text = (
        "El informe de Monitoreo de Cultivos 2024 fue presentado en Lima. "
        "La coca bajó 6% en el valle y se evitó producir 700 toneladas de cocaína."
    )
    assert _periods(text) == ["2024", "2024"]
    # no report named: a year elsewhere in the text is not borrowed
    assert _periods("La erradicación empezó en 2013. Se destruyeron 14 laboratorios.") == [None]


def test_a_titles_horizon_year_is_not_a_period() -> None:
    # invented text
    text = (
        "La Política Nacional contra las Drogas al 2030 aumentó en 29% los cultivos alternativos."
    )
    assert _periods(text) == [None]
    # ... but a target year is ("restore 5,000 hectares by 2030")
    assert _periods("The plan will restore 5,000 hectares by 2030.", "en") == ["2030"]


@pytest.mark.parametrize(
    ("text", "language", "published", "periods"),
    [
        # invented sentences
        ("En lo que va del año se erradicaron 7.000 hectáreas.", "es", "2024-06-02", ["2024"]),
        ("Entre enero y mayo se erradicaron 7.000 hectáreas.", "es", "2024-06-02", ["2024"]),
        ("So far this year police seized 12 tonnes.", "en", "2023-03-28", ["2023"]),
        ("Police seized 86 tonnes last year.", "en", "2023-03-28", ["2022"]),
        # current, but the publication date is unknown: no year at all, not another one's
        (
            "En 2022 se erradicaron 5.000 ha y en lo que va del año 7.000 ha.",
            "es",
            None,
            ["2022", None],
        ),
        # no marker of the present: the publication year is not the figure's
        ("Police seized 12 tonnes of cocaine.", "en", "2023-03-28", [None]),
    ],
)
def test_a_figure_said_to_be_current_takes_the_publication_year(
    text: str, language: str, published: str | None, periods: list[str | None]
) -> None:
    assert _periods(text, language, published) == periods


def test_a_headline_figure_is_the_bodys_whatever_its_indicator() -> None:
    # invented text: the headline says "pistas clandestinas", the body "pistas de aterrizaje"
    text = (
        "Destruyen dos pistas clandestinas en Ucayali\n"
        "La policía destruyó con explosivos dos pistas de aterrizaje en la selva."
    )
    assert [(f.value, f.unit) for f in _facts(text, "es")] == [(2, "count")]
    # two figures of the same body are two facts
    body = "La policía destruyó dos pistas clandestinas. Luego halló dos laboratorios."
    assert len(_facts("Titular\n" + body, "es")) == 2


# ---------------------------------------------------------------- issue 10: who estimated it


@pytest.mark.parametrize(
    ("text", "by"),
    [
        # invented sentences
        ("Según Devida, en 2023 hubo 92.000 hectáreas de coca en el Perú.", "devida"),
        ("The ONDCP estimated that Peru had 95,000 hectares of coca in 2023.", "ondcp"),
        ("The U.N. survey found 90,000 hectares of coca in Peru.", "un"),
        ("In 2023 Colombia had 250,000 hectares of coca, according to the UNODC.", "unodc"),
        ("Police seized 2 tonnes of cocaine in Callao.", None),  # seizing is not estimating
    ],
)
def test_the_agency_behind_a_figure_is_kept_with_it(text: str, by: str | None) -> None:
    from pukara.extract.contract import to_contract
    from pukara.extract.document import extract_text

    ex = extract_text(text)
    assert [f.by for f in ex.facts] == [by]
    assert [f["by"] for f in to_contract(ex)["facts"]] == [by]


@pytest.mark.parametrize(
    "text",
    [
        # invented texts: a US estimate of Peru's coca is Peru's
        "Coca keeps growing in Peru. The U.S. government estimated 95,000 hectares of coca.",
        "La coca crece en el Perú. Estados Unidos estimó 95.000 hectáreas de coca el año pasado.",
    ],
)
def test_a_foreign_agencys_estimate_is_placed_in_the_country_it_measures(text: str) -> None:
    from pukara.extract.document import extract_text

    (fact,) = extract_text(text).facts
    assert fact.place_id == "country:PE"
    assert fact.by == "us-government"
