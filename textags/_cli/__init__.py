"""The ``textags`` commands by group, behind :mod:`textags.cli`: each a parser and a thin call of the API.

- :mod:`textags._cli.tagging`: ``segment``, ``tag``, ``explain``
- :mod:`textags._cli.emphasis`: ``summarize``, ``compare``, ``report``
- :mod:`textags._cli.learning`: ``info``, ``evaluate``, ``train``, ``label``, ``audit``
- :mod:`textags._cli.data`: ``data check|stats|relink|consistency|agreement``
- :mod:`textags._cli.args`: the parser class, argument types and shared options

Each group module holds ``PARSERS`` (name -> function adding its subparser)
and ``COMMANDS`` (name -> function running it on the parsed arguments).
"""
