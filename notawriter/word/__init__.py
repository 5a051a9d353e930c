"""The Word layer: the only package that touches python-docx and docxtpl internals.

* `template` — find a template, read and check its bytes, docxtpl's class and the Jinja
  environment, `fill` a template (mistakes become one Dutch TemplateError);
* `document` — `fill_document`: one template filled with a view context;
* `paragraphs` — paragraph XML in the template's styles from the view's flows (ROLE_STYLES);
* `footnotes` — real footnotes: motion citations and `[voetnoot: …]`, numbered in document order;
* `styles` — opening a template with a lazily parsed styles part, its style ids;
* `cells`, `images` — empty table cells closed, the logo placed;
* `package` — properties, the identifier in core.xml, the parts as saved, the deterministic zip;
* `cache` — compiled Jinja code and docxtpl's XML clean-up kept between processes.

Nothing is imported here: `import notawriter.word` stays light (the CLI's startup).
"""
