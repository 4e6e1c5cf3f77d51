"""MOTIS-compatible API (``/api/v6/...``, ``/api/v1/...``): MOTIS's parameter forms in
(:mod:`app.motis.params`), its response shapes out (:mod:`app.motis.schemas`,
:mod:`app.motis.present`), transport modes (:mod:`app.motis.modes`), runs and trip ids
(:mod:`app.motis.runs`) and its CORS habits (:mod:`app.motis.cors`). The routes live in
:mod:`app.routes.motis`."""
