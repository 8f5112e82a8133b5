"""The shipped default model: ``model.npz`` (arrays), ``card.json`` (its card), ``MODEL_CARD.md``."""
