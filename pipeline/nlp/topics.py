"""Topics: the policy domains of the controlled vocabulary (`rules/topics.yml`) an item is about."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.nlp.parsing import TAGGED_KINDS, Owner, ParsedItem
from pipeline.programme import Edition, Programme, Topic
from pipeline.rules import TopicRules


class TopicFinder:
    """The 1-3 topics of the controlled vocabulary a dossier, request or theme is most about (an item
    analyser).

    Keywords are lemmas, word beginnings ending in '*', or phrases, matched in the lemmas of the title
    (counting `title_weight` times) and the text.
    """

    def __init__(self, rules: TopicRules) -> None:
        self.rules = rules
        self.patterns = []
        for topic, entry in rules.topics.items():
            alternatives = [re.escape(k[:-1]) + r"[\w-]*" if k.endswith("*") else re.escape(k) for k in entry.keywords]
            self.patterns.append((topic, re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")))

    def analyse_item(self, item: ParsedItem, edition: Edition) -> list[str]:
        """The item's topics, best first (none for front matter and part intros)."""
        if item.owner.kind not in TAGGED_KINDS:
            return []
        rules, title, text = self.rules, item.title.lemmas, item.text.lemmas
        scores = {topic: rules.title_weight * len(regex.findall(title)) + len(regex.findall(text))
                  for topic, regex in self.patterns}
        ranked = sorted((t for t, s in scores.items() if s >= rules.min_hits), key=lambda t: (-scores[t], t))
        return ranked[: rules.max_topics]

    def record(self, programme: Programme, items: Sequence[Owner], found: Sequence[list[str]]) -> None:
        """Each item's topics (a dossier or request without one takes its theme's) and the programme's."""
        for owner, topics in zip(items, found, strict=True):
            if owner.kind in TAGGED_KINDS:
                owner.annotations.topics = topics
        fill_topics(programme)
        used = sorted({t for o in items for t in o.annotations.topics})
        programme.topics = [Topic(id=t, label=self.rules.topics[t].label) for t in used]


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
