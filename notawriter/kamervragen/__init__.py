"""Genre `kamervragen`: answering written parliamentary questions.

* `model` — `KamervragenNota` (questions, answers, deadline, uitstel);
* `view` — the answers document, covering letter, nota TER ONDERTEKENING and uitstelbericht;
* `lint` — what `check` reports for such a note (open questions, days left);
* `importer` — `import-kamervragen` (text, Word, PDF) and `kamervragen fetch` (open data).
"""
