"""Each local authority's partner bodies and the contacts at them who receive factual accuracy
drafts, kept by programme staff on the area's pages (DESIGN rule 18)."""
