"""Score an extracted programme against a hand-checked (gold) programme.

Titles are compared by `comparison_key` and paired one-to-one by similarity;
dossiers the gold lists as sub-headings are neither rewarded nor penalised.
The measures are those of the project's acceptance figures.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.utils.matching import one_to_one, similarity
from pipeline.utils.text import comparison_key

MEASURES = ("themes_f1", "dossiers_f1", "dossier_theme_acc", "spearhead_acc",
            "dossier_title_exact", "requests_f1", "request_theme_acc")
TITLE_THRESHOLD = 0.9
REQUEST_THRESHOLD = 0.85


def pair_up(predicted: list[str], gold: list[str], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing, most similar first, of pairs at or above threshold."""
    scored = sorted(((score, i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)
                     if (score := similarity(p, g)) >= threshold), reverse=True)
    return [(i, j) for i, j, _ in one_to_one(scored)]


def f1(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    precision = hits / predicted if predicted else (1.0 if not gold else 0.0)
    recall = hits / gold if gold else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@dataclass(frozen=True)
class Flat:
    """A programme flattened into themes, dossiers, requests and gold sub-headings."""

    themes: list[str]
    dossiers: list[dict]
    requests: list[dict]
    subs: list[str]


def flatten(programme: dict) -> Flat:
    themes, dossiers, requests, subs = [], [], [], []
    for part in programme.get("parts", []):
        for theme in part.get("themes", []):
            theme_key = comparison_key(theme.get("title", ""))
            themes.append(f"{part.get('number')}|{theme_key}")
            subs += [comparison_key(s) for s in theme.get("subs", [])]
            for dossier in theme.get("dossiers", []):
                dossiers.append({"key": comparison_key(dossier.get("title", "")), "theme": theme_key,
                                 "spearhead": bool(dossier.get("spearhead")), "title": dossier.get("title", "")})
                subs += [comparison_key(s) for s in dossier.get("subs", [])]
            for request in theme.get("advisory_requests", []):
                requests.append({"key": comparison_key(request.get("text", "")), "theme": theme_key})
    return Flat(themes, dossiers, requests, subs)


def _same_theme(a: str, b: str) -> bool:
    return similarity(a, b) >= TITLE_THRESHOLD


def score_programme(predicted: dict, gold: dict) -> dict:
    """All measures, their mean as `score`, and the gold dossiers that were missed."""
    pred, ref = flatten(predicted), flatten(gold)
    out: dict = {}
    pairs = pair_up(pred.themes, ref.themes, TITLE_THRESHOLD)
    out["themes_p"], out["themes_r"], out["themes_f1"] = f1(len(pairs), len(pred.themes), len(ref.themes))

    pairs = pair_up([d["key"] for d in pred.dossiers], [d["key"] for d in ref.dossiers], TITLE_THRESHOLD)
    paired = {i for i, _ in pairs}
    ignored = sum(1 for i, d in enumerate(pred.dossiers) if i not in paired
                  and any(similarity(d["key"], s) >= TITLE_THRESHOLD for s in ref.subs))
    out["dossiers_p"], out["dossiers_r"], out["dossiers_f1"] = f1(
        len(pairs), len(pred.dossiers) - ignored, len(ref.dossiers))
    def share(agree) -> float:
        return sum(agree(pred.dossiers[i], ref.dossiers[j]) for i, j in pairs) / len(pairs) if pairs else 0.0

    out["dossier_theme_acc"] = share(lambda p, g: _same_theme(p["theme"], g["theme"]))
    out["spearhead_acc"] = share(lambda p, g: p["spearhead"] == g["spearhead"])
    out["dossier_title_exact"] = share(lambda p, g: p["key"] == g["key"])
    found = {j for _, j in pairs}
    out["missed_dossiers"] = sorted(d["title"] for j, d in enumerate(ref.dossiers) if j not in found)

    pairs = pair_up([r["key"] for r in pred.requests], [r["key"] for r in ref.requests], REQUEST_THRESHOLD)
    out["requests_p"], out["requests_r"], out["requests_f1"] = f1(len(pairs), len(pred.requests), len(ref.requests))
    out["request_theme_acc"] = (sum(_same_theme(pred.requests[i]["theme"], ref.requests[j]["theme"]) for i, j in pairs)
                                / len(pairs)) if pairs else 0.0
    out["score"] = sum(out[k] for k in MEASURES) / len(MEASURES)
    return out


DIFF_KINDS = {"added", "removed", "renamed", "moved", "spearhead_changed", "modified"}
DIFF_ENTITIES = {"theme", "dossier", "advisory_request"}


def _side_key(side: dict | None) -> str:
    return comparison_key((side or {}).get("title") or (side or {}).get("text") or "") if side else ""


def _same_change(predicted: dict, expected: dict) -> bool:
    if predicted.get("kind") != expected["kind"] or predicted.get("entity") != expected["entity"]:
        return False
    for key in ("before", "after"):
        a, b = _side_key(predicted.get(key)), _side_key(expected.get(key))
        if bool(a) != bool(b) or (a and similarity(a, b) < TITLE_THRESHOLD):
            return False
    return True


def score_diff(predicted: dict, expected: dict) -> dict:
    """Precision, recall and F1 of predicted changes against expected ones, with the misses listed."""
    changes = [c for c in predicted.get("changes", [])
               if c.get("kind") in DIFF_KINDS and c.get("entity") in DIFF_ENTITIES]
    used: set[int] = set()
    missed = []
    for change in expected.get("changes", []):
        hit = next((i for i, c in enumerate(changes) if i not in used and _same_change(c, change)), None)
        if hit is None:
            missed.append(change)
        else:
            used.add(hit)
    spurious = [c for i, c in enumerate(changes) if i not in used]
    precision, recall, f = f1(len(used), len(changes), len(expected.get("changes", [])))
    return {"precision": precision, "recall": recall, "f1": f, "missed": missed, "spurious": spurious}
