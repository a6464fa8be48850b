"""Topics: the policy domains of the controlled vocabulary (`rules/topics.yml`) an item is about."""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from pipeline.nlp.parsing import Parsed
from pipeline.programme import Programme


@cache
def topic_patterns(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern[str]]]:
    """One regular expression per topic over a text of space-separated lemmas."""
    compiled = []
    for topic, keywords in topics:
        alternatives = [re.escape(k[:-1]) + r"[\w-]*" if k.endswith("*") else re.escape(k) for k in keywords]
        compiled.append((topic, re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")))
    return compiled


def choose_topics(title: Parsed, text: Parsed, rules: dict) -> list[str]:
    """The 1-3 topics of the controlled vocabulary that the title and text are most about.

    Keywords are lemmas, word beginnings ending in '*', or phrases; the title counts `title_weight` times.
    """
    key = tuple((t, tuple(e["keywords"])) for t, e in rules["topics"].items())
    scores = {topic: rules["title_weight"] * len(regex.findall(title.lemmas)) + len(regex.findall(text.lemmas))
              for topic, regex in topic_patterns(key)}
    ranked = sorted((t for t, s in scores.items() if s >= rules["min_hits"]), key=lambda t: (-scores[t], t))
    return ranked[: rules["max_topics"]]


def fill_topics(programme: Programme) -> None:
    """A dossier or request without a topic of its own takes its theme's."""
    for part in programme.parts:
        for theme in part.themes:
            children = [d.nlp for d in theme.dossiers] + [r.nlp for r in theme.advisory_requests]
            pooled = Counter(t for c in children for t in c.topics)
            fallback = theme.nlp.topics[:1] or [t for t, _ in pooled.most_common(1)]
            for child in children:
                if not child.topics and fallback:
                    child.topics = list(fallback)
