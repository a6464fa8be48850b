"""History across editions: chains follow the edits that made four derived editions plus the corpus pair."""
from __future__ import annotations

import csv
import json

from pipeline.cli import main
from pipeline.comparison.history import build_history
from pipeline.utils.files import canonical_json


def chains_by_lineage(history, lineages) -> tuple[dict, list[str]]:
    found, problems = {}, []
    for chain in history.chains:
        owners = {lineages.lineage(a.year, chain.entity, a.theme, a.title) for a in chain.appearances}
        if len(owners) != 1:
            problems.append(f"chain {chain.id} joins {sorted(owners)}")
            continue
        owner = owners.pop()
        if owner in found:
            problems.append(f"lineage {owner} split over {found[owner].id} and {chain.id}")
        found[owner] = chain
    return found, problems


def test_every_chain_matches_the_edits(derived_editions):
    _, programmes, lineages = derived_editions
    history = build_history(list(programmes.values())[::-1])
    assert [e.year for e in history.editions] == [2023, 2024, 2025, 2026, 2027, 2028]
    found, problems = chains_by_lineage(history, lineages)
    missing = set(lineages.by_title.values()) - set(found)
    problems += [f"lineage {m} has no chain" for m in sorted(missing)]
    for lineage, chain in found.items():
        got = {(e.year, e.kind, e.recurring) for e in chain.events}
        want = lineages.events.get(lineage, set())
        if got != want:
            problems.append(f"{chain.entity} {chain.appearances[-1].title!r}: events {sorted(got)}, "
                            f"expected {sorted(want)}")
    assert not problems, "\n".join(problems)
    assert sum(bool(chain.events) for chain in history.chains) == len(lineages.events)


def test_a_returning_dossier_keeps_its_chain_and_old_titles_stay_readable(derived_editions):
    _, programmes, _ = derived_editions
    history = build_history(list(programmes.values()))
    returned = [c for c in history.chains if any(e.kind == "returned" for e in c.events)]
    assert len(returned) == 1
    assert [a.year for a in returned[0].appearances] == [2023, 2024, 2027, 2028]
    budget = next(c for c in history.chains if c.appearances[-1].title == "Begrotingsadvies 2028")
    assert [(e.year, e.before, e.after) for e in budget.events if e.kind == "renamed"] == [
        (2025, "Begrotingsadvies 2025", "Begrotingsadvies 2026"),
        (2026, "Begrotingsadvies 2026", "Begrotingsadvies 2027"),
        (2028, "Begrotingsadvies 2027", "Begrotingsadvies 2028")]


def test_history_command_takes_pdfs_and_json_in_any_order(derived_editions, tmp_path, capsys):
    folder, programmes, _ = derived_editions
    inputs = []
    for stem, programme in sorted(programmes.items(), reverse=True):
        if stem.endswith("2025"):
            inputs.append(str(folder / f"{stem}.pdf"))
        else:
            path = tmp_path / "in" / stem / "programme.json"
            path.parent.mkdir(parents=True)
            path.write_text(canonical_json(programme), encoding="utf-8")
            inputs.append(str(path))
    assert main(["history", *inputs, "--out", str(tmp_path / "out")]) == 0
    assert "over 6 editions (2023, 2024, 2025, 2026, 2027, 2028)" in capsys.readouterr().out
    data = json.loads((tmp_path / "out" / "history.json").read_text(encoding="utf-8"))
    expected = build_history(list(programmes.values())).model_dump(mode="json")
    assert data == expected
    with (tmp_path / "out" / "history.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 * len(data["chains"])
    assert {r["year"] for r in rows} == {str(y) for y in range(2023, 2029)}
    recurring = [r for r in rows if r["recurring"] == "true"]
    previous = {r["previous_title"] for r in recurring}
    assert previous >= {"Begrotingsadvies 2025", "Programmatie Secundair Onderwijs 2024-2025."}


def test_history_refuses_two_editions_of_one_year(corpus_programmes, tmp_path, capsys):
    path = tmp_path / "a" / "programme.json"
    path.parent.mkdir()
    path.write_text(canonical_json(corpus_programmes["serv-werkprogramma-2024"]), encoding="utf-8")
    assert main(["history", str(path), str(path), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: serv-werkprogramma-2024.pdf and serv-werkprogramma-2024.pdf: two editions of 2024")
