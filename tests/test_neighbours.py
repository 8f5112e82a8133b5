"""The neighbour mix: a unit confident on its own defers less to the units around it."""

from __future__ import annotations

import numpy as np
import pytest

from textags._model import Scorer
from textags._neighbours import mix
from textags._postprocess import mix_neighbours


def test_a_confident_unit_keeps_its_own_label_among_neighbours_of_another():
    # a clear safety sentence among livelihood ones (the fire-safety renovation case)
    p = np.array([[0.1, 0.9], [0.1, 0.9], [0.8, 0.2], [0.1, 0.9], [0.1, 0.9]])
    plain = mix(p, weights=(1.0, 0.5), weight=0.5)
    assert plain[2].argmax() == 1  # the full mix turns it
    deferring = mix(p, weights=(1.0, 0.5), weight=0.5, confident=0.7)
    assert deferring[2].argmax() == 0  # deferring, it keeps its own label
    assert np.allclose(deferring.sum(axis=1), 1.0)


def test_units_at_or_below_the_threshold_are_mixed_as_before():
    p = np.array([[0.6, 0.4], [0.55, 0.45], [0.3, 0.7], [0.5, 0.5]])
    assert np.array_equal(mix(p, weight=0.5, confident=0.7), mix(p, weight=0.5))
    assert np.array_equal(mix(p, weight=0.5, confident=1.0), mix(p, weight=0.5))


def test_the_neighbours_share_shrinks_as_the_units_own_confidence_grows():
    own = np.linspace(0.5, 1.0, 11)
    shifts = []
    for m in own:  # the unit between two neighbours sure of the other label
        p = np.array([[0.0, 1.0], [m, 1 - m], [0.0, 1.0]])
        shifts.append(p[1, 0] - mix(p, weights=(1.0,), weight=0.5, confident=0.6)[1, 0])
    assert shifts[-1] == 0.0  # a certain unit is not moved at all
    assert all(a >= b for a, b in zip(shifts[2:], shifts[3:]))  # above 0.6, the surer the less it moves


def test_the_threshold_must_lie_between_0_and_1():
    with pytest.raises(ValueError, match="between 0 and 1"):
        mix(np.array([[0.5, 0.5], [0.4, 0.6]]), confident=1.5)


def test_the_model_mixes_with_its_threshold_and_older_models_never_defer():
    p = np.array([[0.1, 0.9], [0.8, 0.2], [0.1, 0.9]])

    def scorer(**extra):
        return Scorer(("livelihood", "safety"), (), np.zeros((2, 0)), np.zeros(2), {"neighbours": (1.0,), **extra})

    old = scorer(neighbour_weight=0.5)  # a card written before the parameter existed
    new = scorer(neighbour_weight=0.5, neighbour_confident=0.7)
    old, new = mix_neighbours(p, old.params), mix_neighbours(p, new.params)
    assert np.array_equal(old, mix(p, weights=(1.0,), weight=0.5))
    assert np.array_equal(new, mix(p, weights=(1.0,), weight=0.5, confident=0.7))
    assert old[1].argmax() == 1 and new[1].argmax() == 0
