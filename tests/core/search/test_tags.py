from resultat.core.search.tags import NaiveBayes, features, top_k_accuracy

TRAIN = [
    ("Vindkraft och solenergi ger förnybar energi till länet", [7]),
    ("Energieffektivisering och förnybar el i industrin", [7, 9]),
    ("Skolan och utbildningen ska ge alla elever god kunskap", [4]),
    ("Vuxenutbildning och yrkesutbildning för kompetensförsörjning", [4, 8]),
    ("Fler jobb och ett växande näringsliv med goda arbetsvillkor", [8]),
    ("Bredband och digital infrastruktur i hela länet", [9]),
]


def test_features_are_stems_without_stopwords():
    assert features("Skolan och skolorna i länet") == {"skol": 2, "län": 1}


def test_suggests_the_obvious_goal_with_its_words():
    model = NaiveBayes().fit(TRAIN)
    top = model.suggest("Mer förnybar energi från vindkraft", k=3)
    assert top[0].label == 7
    assert abs(sum(s.probability for s in model.suggest("förnybar energi", k=10)) - 1) < 1e-9
    words = [w for w, _ in top[0].words]
    assert "förnyb" in words and "vindkraft" in words


def test_unknown_words_give_no_suggestions():
    model = NaiveBayes().fit(TRAIN)
    assert model.suggest("xyzzy qwerty") == []
    assert NaiveBayes().suggest("energi") == []


def test_top_k_accuracy():
    model = NaiveBayes().fit(TRAIN)
    assert top_k_accuracy(model, [("utbildning för elever", [4]), ("vindkraft", [7])], k=1) == 1.0
    assert top_k_accuracy(model, [], k=3) == 0.0
