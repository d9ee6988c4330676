"""Actor extraction on sentences invented for these tests (demo text, en + es)."""

from __future__ import annotations

from pukara.extract.actors import ActorMention, extract_actors
from pukara.extract.matcher import tokenize
from pukara.model import ActorKind
from pukara.refdata.actors import load_actor_registry


def _actors(text: str) -> dict[str, list[ActorMention]]:
    out: dict[str, list[ActorMention]] = {}
    for m in extract_actors(text, tokenize(text)):
        out.setdefault(m.actor.id, []).append(m)
    return out


def test_registry_is_sourced_and_consistent() -> None:
    registry = load_actor_registry()
    assert len(registry) >= 150
    kinds = {e.actor.kind for e in registry.entries.values()}
    assert {ActorKind.ARMED_GROUP, ActorKind.CRIMINAL_GROUP, ActorKind.PERSON,
            ActorKind.STATE_AGENCY, ActorKind.SECURITY_FORCE} <= kinds  # fmt: skip
    for entry in registry.entries.values():
        parent = entry.actor.parent_id
        assert parent is None or parent in registry.entries, entry.actor.id


def test_aliases_in_both_languages_resolve_to_one_actor() -> None:
    found = _actors(
        "Sendero Luminoso atacó una patrulla. Days later the Shining Path claimed the attack; "
        "DEVIDA, la Comisión Nacional para el Desarrollo y Vida sin Drogas, respondió."
    )
    assert len(found["shining-path"]) == 2
    assert len(found["devida"]) == 2


def test_short_acronyms_need_capitals() -> None:
    assert "shining-path" not in _actors("He will sl down the river.")
    assert "un" not in _actors("It was un año difícil.")


def test_weak_alias_needs_strong_name_or_alias_marker() -> None:
    assert "victor-quispe-palomino" not in _actors("José arrived in Lima on Monday.")
    found = _actors('The police are hunting a rebel leader known as alias "José" in the valley.')
    assert "victor-quispe-palomino" in found
    both = _actors("Víctor Quispe Palomino, known as José, leads the group. José was seen.")
    assert len(both["victor-quispe-palomino"]) >= 2


def test_generic_terms_resolve_by_country() -> None:
    found = _actors(
        "The Peruvian military moved north while Colombian authorities watched; "
        "la Policía colombiana y el Ejército detuvieron a tres personas."
    )
    assert "peru-armed-forces" in found
    assert "colombia-government" in found
    assert "colombia-police" in found
    assert "peru-army" in found  # a bare "Ejército" is the home country's army


def test_unknown_persons_and_organisations_are_discovered_and_merged() -> None:
    text = (
        "Security analyst Rosa Huamán Quispe, director of Amazon Risk Consulting, said the "
        "route had moved. Huamán Quispe added that the clan \u201cLos Injertos del Río\u201d "
        "controls the landing. El fiscal Jorge Paredes Soto dijo que la empresa Maderera "
        "Ucayali S.A.C. lavó dinero."
    )
    found = {m.actor.name: m for m in extract_actors(text, tokenize(text))}
    assert "Rosa Huamán Quispe" in found
    assert found["Rosa Huamán Quispe"].actor.kind is ActorKind.PERSON
    assert "Amazon Risk Consulting" in found
    assert found["Amazon Risk Consulting"].actor.kind is ActorKind.COMPANY
    assert "Jorge Paredes Soto" in found
    mentions = [
        m for m in extract_actors(text, tokenize(text)) if m.actor.name == "Rosa Huamán Quispe"
    ]
    assert len(mentions) == 2  # "Huamán Quispe" later is the same person
    assert any("Injertos" in name for name in found)


def test_alias_construction_links_nom_de_guerre() -> None:
    text = 'Police captured Juan Pérez Ramos, alias "Camarada Tito", near Pichari.'
    found = {m.actor.id: m for m in extract_actors(text, tokenize(text))}
    person = next(m.actor for m in found.values() if m.actor.name == "Juan Pérez Ramos")
    assert "Camarada Tito" in person.aliases


def test_a_report_about_a_neighbour_reads_generic_forces_as_its_own() -> None:
    # Invented report (demo text) on the Colombian side of the Putumayo.
    from pukara.extract.document import extract_text

    ex = extract_text(
        "Colombian troops entered Puerto Leguízamo on Monday. The police said the Comandos "
        "de la Frontera left Putumayo for Caquetá. Police in Mocoa arrested three men."
    )
    ids = {a.id for a in ex.actors}
    assert "colombia-police" in ids and "pnp" not in ids
    assert "pe:16" not in {p.id for p in ex.places}  # Putumayo here is Colombia's


def _names(text: str) -> dict[str, ActorKind]:
    return {m.actor.name: m.actor.kind for m in extract_actors(text, tokenize(text))}


def test_spanish_persons_after_titles_and_speech_verbs() -> None:
    # invented sentences (demo text)
    found = _names(
        "La producción cayó, ha precisado Salazar. También informó la ministra de Justicia, "
        "Rosa Quiroga, que habrá cambios. «No hubo heridos», dijo el coronel PNP Luis Tapia. "
        "El exministro Javier Ríos aprobó el plan."
    )
    for name in ("Salazar", "Rosa Quiroga", "Luis Tapia", "Javier Ríos"):
        assert found.get(name) is ActorKind.PERSON, name


def test_a_title_or_a_body_is_not_part_of_a_persons_name() -> None:
    found = _names(
        "Defence Minister Ana Vera said the army would stay. The operation was led by "
        "General de Policía Raúl Soto. Police Director Gen. Marco said nothing."
    )
    assert found.get("Ana Vera") is ActorKind.PERSON
    assert found.get("Raúl Soto") is ActorKind.PERSON
    assert not [n for n in found if "Minister" in n or "Policía" in n or "Director" in n]


def test_a_given_name_after_a_long_title_starts_the_person() -> None:
    found = _names("High Commissioner for Illegal Logging Affairs Julia Rengifo said it.")
    assert found.get("Julia Rengifo") is ActorKind.PERSON
    assert not [n for n in found if "Logging" in n]


def test_lists_of_places_are_not_actors() -> None:
    found = _names(
        "En la frontera entre Perú, Colombia y Brasil, una provincia de Loreto vive del "
        "narcotráfico. La Sunat intervino en los distritos de Santa Ana y Pichari, y en "
        "los distritos de Kimbiri, Rosa Panduro y Teniente Manuel Clavero."
    )
    assert [n for n, k in found.items() if k is ActorKind.PERSON] == []
    assert not [n for n in found if " y " in n]


def test_spanish_e_joins_one_name_and_company_nouns_name_firms() -> None:
    text = (
        "El Instituto Nacional de Estadística e Informática (INEI) publicó datos. Trabajadores "
        "de la minera Aurora del Sur fueron atacados. El barco era de la línea naviera Nordmar."
    )
    found = {m.actor.name: m.actor for m in extract_actors(text, tokenize(text))}
    inei = found["Instituto Nacional de Estadística e Informática"]
    assert "INEI" in inei.aliases
    assert found["Aurora del Sur"].kind is ActorKind.COMPANY
    assert found["Nordmar"].kind is ActorKind.COMPANY


def test_a_person_in_an_organisations_name_is_that_name() -> None:
    found = _names(
        "La Dirección General de Fauna y Flora Silvestre decomisó madera. The manager of the "
        "firm, Agrovida Costa Verde S.A.C., was arrested."
    )
    assert "Dirección General de Fauna y Flora Silvestre" in found
    assert "Agrovida Costa Verde S.A.C." in found
    assert "Flora Silvestre" not in found


def test_a_zone_spelled_out_before_its_acronym_is_neither_actor_nor_places() -> None:
    from pukara.extract.document import extract_text

    # invented sentence (demo text)
    ex = extract_text(
        "Los cultivos crecen en el valle de los ríos Apurímac, Ene y Mantaro (Vraem)."
    )
    assert not [a for a in ex.actors if "Mantaro" in a.name]
    named = {m.ref_id for m in ex.mentions if m.kind == "place"}
    assert named == {"zone:vraem"}


def test_common_nouns_and_titles_are_not_names() -> None:
    # invented sentences (demo text)
    found = _actors(
        "El comercio en la zona creció. Las fuerzas del orden llegaron tarde. Vivían en el "
        "sector conocido como 'Las Dos Lomas'. Gracias a la Política General de Gobierno, "
        "bajó. The plane landed at the police airport; military statistics show more flights."
    )
    assert found == {}


def test_aliases_keep_no_article_and_joined_bodies_stay_two() -> None:
    text = (
        "La Fiscalía y la Sunat intervinieron. La Fiscalía Provincial y Procuraduría Pública "
        "apelaron. El cártel de Sinaloa compra la droga."
    )
    mentions = extract_actors(text, tokenize(text))
    assert {m.surface for m in mentions} >= {"Fiscalía", "Sunat", "cártel de Sinaloa"}
    names = {m.actor.name for m in mentions}
    assert {"Fiscalía Provincial", "Procuraduría Pública"} <= names
    assert not [n for n in names if " y " in n]


def test_a_country_acts_as_its_state_only_when_the_state_acts() -> None:
    from pukara.extract.document import extract_text

    def governments(text: str) -> set[str]:
        return {a.id for a in extract_text(text).actors if a.kind is ActorKind.GOVERNMENT}

    assert governments("Peru shares a long border with Brazil.") == set()
    assert "us-government" in governments("Peru eradicated coca with U.S. assistance.")
    assert "us-government" in governments("Peru and the United States share information.")


def test_media_only_cited_are_sources_not_actors() -> None:
    from pukara.extract.document import extract_text

    ex = extract_text(
        "LIMA (Reuters) - Police seized 2 tonnes of cocaine, an officer told Reuters. Según "
        "el diario El Comercio, hubo cinco detenidos. Periodistas de Ojo Público fueron "
        "amenazados en Pucallpa."
    )
    ids = {a.id for a in ex.actors}
    assert "reuters" not in ids and "el-comercio" not in ids
    assert "ojo-publico" in ids
