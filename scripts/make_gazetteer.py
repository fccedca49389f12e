"""Regenerate graph/data/gazetteer/countries.tsv.

Names and ISO 3166-1 codes come from pycountry (a packaging of Debian's iso-codes, which follows the
ISO 3166 Maintenance Agency); it is needed only to run this script, not by newsgraph:

    python -m venv /tmp/g && /tmp/g/bin/pip install pycountry && /tmp/g/bin/python scripts/make_gazetteer.py

The columns pycountry does not have (the short name news uses, adjectives, demonyms, capitals and
the abbreviations news writes) are the table HAND below, written for this project from the
English forms listed in Wikipedia's "List of adjectival and demonymic forms for countries and
nations" and "List of national capitals"; rows without them keep pycountry's data only.
"""

from __future__ import annotations

from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "graph" / "data" / "gazetteer" / "countries.tsv"
HANDSRC = "hand (Wikipedia: adjectival and demonymic forms; national capitals)"

# alpha-2: (short name, other names, adjectives, demonyms, capital|capital variants, abbreviations)
HAND = {
    "US": ("United States", "United States of America|America|the United States", "American|U.S.", "American|Americans",
           "Washington, D.C.|Washington", "US|U.S.|USA|U.S.A."),
    "JP": ("Japan", "", "Japanese", "Japanese", "Tokyo", ""),
    "CN": ("China", "People's Republic of China|PRC|mainland China", "Chinese", "Chinese", "Beijing", "PRC"),
    "KR": ("South Korea", "Republic of Korea|Korea", "South Korean|Korean", "South Korean|South Koreans", "Seoul", "ROK"),
    "KP": ("North Korea", "Democratic People's Republic of Korea|DPRK", "North Korean", "North Korean|North Koreans", "Pyongyang", "DPRK"),
    "GB": ("United Kingdom", "Britain|Great Britain|the United Kingdom", "British", "Briton|Britons|British", "London", "UK|U.K."),
    "FR": ("France", "", "French", "Frenchman|Frenchwoman|French", "Paris", ""),
    "DE": ("Germany", "", "German", "German|Germans", "Berlin", ""),
    "IT": ("Italy", "", "Italian", "Italian|Italians", "Rome", ""),
    "ES": ("Spain", "", "Spanish", "Spaniard|Spaniards", "Madrid", ""),
    "PT": ("Portugal", "", "Portuguese", "Portuguese", "Lisbon", ""),
    "NL": ("Netherlands", "the Netherlands|Holland", "Dutch", "Dutch", "Amsterdam", ""),
    "BE": ("Belgium", "", "Belgian", "Belgian|Belgians", "Brussels", ""),
    "CH": ("Switzerland", "", "Swiss", "Swiss", "Bern", ""),
    "AT": ("Austria", "", "Austrian", "Austrian|Austrians", "Vienna", ""),
    "SE": ("Sweden", "", "Swedish", "Swede|Swedes", "Stockholm", ""),
    "NO": ("Norway", "", "Norwegian", "Norwegian|Norwegians", "Oslo", ""),
    "DK": ("Denmark", "", "Danish", "Dane|Danes", "Copenhagen", ""),
    "FI": ("Finland", "", "Finnish", "Finn|Finns", "Helsinki", ""),
    "IE": ("Ireland", "", "Irish", "Irish", "Dublin", ""),
    "PL": ("Poland", "", "Polish", "Pole|Poles", "Warsaw", ""),
    "CZ": ("Czech Republic", "Czechia", "Czech", "Czech|Czechs", "Prague", ""),
    "HU": ("Hungary", "", "Hungarian", "Hungarian|Hungarians", "Budapest", ""),
    "GR": ("Greece", "", "Greek", "Greek|Greeks", "Athens", ""),
    "TR": ("Turkey", "Türkiye", "Turkish", "Turk|Turks", "Ankara", ""),
    "RU": ("Russia", "Russian Federation", "Russian", "Russian|Russians", "Moscow", ""),
    "UA": ("Ukraine", "", "Ukrainian", "Ukrainian|Ukrainians", "Kyiv|Kiev", ""),
    "BY": ("Belarus", "", "Belarusian", "Belarusian|Belarusians", "Minsk", ""),
    "CA": ("Canada", "", "Canadian", "Canadian|Canadians", "Ottawa", ""),
    "MX": ("Mexico", "", "Mexican", "Mexican|Mexicans", "Mexico City", ""),
    "BR": ("Brazil", "", "Brazilian", "Brazilian|Brazilians", "Brasília|Brasilia", ""),
    "AR": ("Argentina", "", "Argentine|Argentinian", "Argentine|Argentines|Argentinians", "Buenos Aires", ""),
    "CL": ("Chile", "", "Chilean", "Chilean|Chileans", "Santiago", ""),
    "CO": ("Colombia", "", "Colombian", "Colombian|Colombians", "Bogotá|Bogota", ""),
    "VE": ("Venezuela", "", "Venezuelan", "Venezuelan|Venezuelans", "Caracas", ""),
    "PE": ("Peru", "", "Peruvian", "Peruvian|Peruvians", "Lima", ""),
    "CU": ("Cuba", "", "Cuban", "Cuban|Cubans", "Havana", ""),
    "IN": ("India", "", "Indian", "Indian|Indians", "New Delhi", ""),
    "PK": ("Pakistan", "", "Pakistani", "Pakistani|Pakistanis", "Islamabad", ""),
    "BD": ("Bangladesh", "", "Bangladeshi", "Bangladeshi|Bangladeshis", "Dhaka", ""),
    "ID": ("Indonesia", "", "Indonesian", "Indonesian|Indonesians", "Jakarta", ""),
    "MY": ("Malaysia", "", "Malaysian", "Malaysian|Malaysians", "Kuala Lumpur", ""),
    "SG": ("Singapore", "", "Singaporean", "Singaporean|Singaporeans", "Singapore", ""),
    "TH": ("Thailand", "", "Thai", "Thai|Thais", "Bangkok", ""),
    "VN": ("Vietnam", "Viet Nam", "Vietnamese", "Vietnamese", "Hanoi", ""),
    "PH": ("Philippines", "the Philippines", "Philippine|Filipino", "Filipino|Filipinos", "Manila", ""),
    "TW": ("Taiwan", "", "Taiwanese", "Taiwanese", "Taipei", ""),
    "MN": ("Mongolia", "", "Mongolian", "Mongolian|Mongolians", "Ulaanbaatar", ""),
    "AU": ("Australia", "", "Australian", "Australian|Australians", "Canberra", ""),
    "NZ": ("New Zealand", "", "New Zealand", "New Zealander|New Zealanders", "Wellington", "NZ"),
    "IR": ("Iran", "", "Iranian", "Iranian|Iranians", "Tehran", ""),
    "IQ": ("Iraq", "", "Iraqi", "Iraqi|Iraqis", "Baghdad", ""),
    "SY": ("Syria", "", "Syrian", "Syrian|Syrians", "Damascus", ""),
    "IL": ("Israel", "", "Israeli", "Israeli|Israelis", "Jerusalem", ""),
    "PS": ("Palestine", "", "Palestinian", "Palestinian|Palestinians", "Ramallah", ""),
    "SA": ("Saudi Arabia", "", "Saudi", "Saudi|Saudis", "Riyadh", ""),
    "AE": ("United Arab Emirates", "", "Emirati", "Emirati|Emiratis", "Abu Dhabi", "UAE|U.A.E."),
    "QA": ("Qatar", "", "Qatari", "Qatari|Qataris", "Doha", ""),
    "EG": ("Egypt", "", "Egyptian", "Egyptian|Egyptians", "Cairo", ""),
    "ZA": ("South Africa", "", "South African", "South African|South Africans", "Pretoria", ""),
    "NG": ("Nigeria", "", "Nigerian", "Nigerian|Nigerians", "Abuja", ""),
    "KE": ("Kenya", "", "Kenyan", "Kenyan|Kenyans", "Nairobi", ""),
    "ET": ("Ethiopia", "", "Ethiopian", "Ethiopian|Ethiopians", "Addis Ababa", ""),
    "AF": ("Afghanistan", "", "Afghan", "Afghan|Afghans", "Kabul", ""),
}
# Unions and blocs that news treats like countries: not in ISO 3166-1, so hand rows only.
BLOCS = [("EU", "", "European Union", "", "European|EU", "European|Europeans", "Brussels", "EU|E.U.")]
# Capitals that are common words or whose name stands for something else than the government
# ("Lima" is also a name) are still listed; whether one stands for its government is decided by
# context in graph/link/entities.py.


def main() -> None:
    rows = ["# Countries: short name, other names, adjectives, demonyms, capitals, abbreviations, ISO 3166-1 codes.",
            "# Source of each row in its last column. pycountry = pycountry " + pycountry.__version__
            + " (ISO 3166-1 via Debian iso-codes); hand = " + HANDSRC + ".",
            "# Generated by scripts/make_gazetteer.py; | separates alternatives.",
            "alpha2\talpha3\tname\tnames\tadjectives\tdemonyms\tcapitals\tabbreviations\tsource"]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        official = getattr(country, "official_name", "")
        common = getattr(country, "common_name", "")
        hand = HAND.get(country.alpha_2)
        if hand:
            name, others, adjectives, demonyms, capitals, abbreviations = hand
            names = "|".join(dict.fromkeys(n for n in [*others.split("|"), country.name, official, common] if n and n != name))
            source = "pycountry; hand"
        else:
            name = common or country.name
            names = "|".join(dict.fromkeys(n for n in [country.name, official] if n and n != name))
            adjectives = demonyms = capitals = abbreviations = ""
            source = "pycountry"
        rows.append("\t".join([country.alpha_2, country.alpha_3, name, names, adjectives, demonyms, capitals, abbreviations, source]))
    for alpha2, alpha3, name, names, adjectives, demonyms, capitals, abbreviations in BLOCS:
        rows.append("\t".join([alpha2, alpha3, name, names, adjectives, demonyms, capitals, abbreviations, "hand (not in ISO 3166-1)"]))
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
