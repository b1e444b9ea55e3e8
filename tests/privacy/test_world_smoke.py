def test_world_builds(world):
    a, b = world
    assert a.ids and b.ids
