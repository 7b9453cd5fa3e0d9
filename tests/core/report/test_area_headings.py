from resultat.core.reportparse.headings import descriptive_heading


def test_a_heading_that_says_more_than_the_name_is_descriptive():
    assert descriptive_heading("Omvärlden påverkar  digitalisering", ["Digitalisering"]) == "Omvärlden påverkar digitalisering"
    assert descriptive_heading("Företagsstöd och kommersiell service för en sammanhållen region",
                               ["Företagsstöd", "Kommersiell service"]) == "Företagsstöd och kommersiell service för en sammanhållen region"


def test_the_name_itself_or_its_ocr_misspelling_is_not():
    assert descriptive_heading("Digitalisering", ["Digitalisering"]) == ""
    assert descriptive_heading("Företagsstöd och Kommersiell service", ["Företagsstöd", "Kommersiell service"]) == ""
    assert descriptive_heading("Samhillbyggnad", ["Samhällsbyggnad"]) == ""  # OCR: ä → i, s lost
    assert descriptive_heading("Nairingsliv", ["Näringsliv"]) == ""
    assert descriptive_heading("", ["Digitalisering"]) == ""
