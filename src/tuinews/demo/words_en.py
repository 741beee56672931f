"""English vocabulary and templates for the demo (written for tuinews; all news is invented).

English-language Vietnamese outlets usually drop diacritics from place and person names, so
these templates do too. Slots are filled by :mod:`tuinews.demo.content`.
"""

from __future__ import annotations

from typing import Final

# city, descriptor used in leads
PLACES: Final[tuple[tuple[str, str], ...]] = (
    ("Hanoi", "the capital city of Hanoi"),
    ("Ho Chi Minh City", "Ho Chi Minh City, the country's largest economic hub,"),
    ("Da Nang", "the central city of Da Nang"),
    ("Hai Phong", "the northern port city of Hai Phong"),
    ("Can Tho", "the Mekong Delta city of Can Tho"),
    ("Hue", "the central city of Hue"),
    ("Dien Bien", "the northern mountainous province of Dien Bien"),
    ("Lai Chau", "the northern border province of Lai Chau"),
    ("Son La", "the northwestern province of Son La"),
    ("Lao Cai", "the northern province of Lao Cai"),
    ("Quang Ninh", "the northeastern province of Quang Ninh"),
    ("Khanh Hoa", "the south-central province of Khanh Hoa"),
    ("An Giang", "the Mekong Delta province of An Giang"),
    ("Lam Dong", "the Central Highlands province of Lam Dong"),
    ("Dak Lak", "the Central Highlands province of Dak Lak"),
    ("Ca Mau", "the southernmost province of Ca Mau"),
)

COMMODITIES: Final = (
    "rice", "coffee", "seafood", "cashew", "fruit and vegetable", "pepper", "furniture",
    "textile",
)  # fmt: skip
FAMILIES: Final = ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Lo", "Do")
MIDDLE: Final = ("Van", "Thi", "Duc", "Minh", "Thanh", "Quang", "Ngoc", "Huu")
GIVEN: Final = ("Thang", "Hoa", "Long", "Lan", "Hai", "Mai", "Son", "Thu", "Khanh", "Dung")
OFFICIAL_TITLES: Final = (
    "chairman of the {city} People's Committee",
    "vice chairwoman of the {city} People's Committee",
    "director of the {city} Department of Finance",
    "deputy director of the {city} Department of Construction",
    "director of the {city} Department of Agriculture and Environment",
)
AUTHORS: Final = (
    "Linh Pham", "Minh Nguyen", "Ha Tran", "Quang Le", "Thu Hoang", "Duc Vu", "Anna Whitfield",
    "Mark Ellison",
)  # fmt: skip

TOPIC_LABELS: Final[dict[str, str]] = {
    "economy": "Economy",
    "transport": "Infrastructure",
    "tourism": "Travel & Culture",
    "tech": "Technology",
    "environment": "Environment",
}

Topic = dict[str, tuple[str, ...]]

TOPICS: Final[dict[str, Topic]] = {
    "economy": {
        "titles": (
            "{city} targets {growth} growth as exports rebound",
            "Foreign investors pour US${usd} million into {city} industrial parks",
            "Vietnam's {commodity} exports climb {pct} on strong demand",
            "{city} speeds up public investment disbursement",
            "Small firms in {city} turn to e-commerce to reach buyers",
            "Budget revenue in {city} reaches {pct_mid} of annual target",
            "New trade deals open doors for Vietnamese {commodity}",
            "Cooperatives help {city} farmers bargain for better prices",
        ),
        "leads": (
            "{where} is on track to meet its economic targets this year, with industry and"
            " services leading the recovery, local officials said.",
            "Exports of Vietnamese {commodity} rose {pct} year-on-year in the first months of"
            " {year}, according to trade officials.",
            "Authorities in {city} have approved {n} new investment projects worth a combined"
            " US${usd} million since January.",
            "Businesses in {city} say faster paperwork and better roads are helping them win"
            " orders, though labor shortages remain a concern.",
        ),
        "sentences": (
            "Total registered foreign direct investment in the locality now exceeds"
            " {usd_bn} billion US dollars.",
            "Officials credited the growth to a rebound in manufacturing and a steady rise in"
            " domestic consumption.",
            "Processing times for investment licenses have been cut to {few} working days, down"
            " from more than a month.",
            "Many exporters said shipping costs remain high, squeezing already thin margins.",
            "{official_short} said the locality would prioritize infrastructure, digital"
            " transformation and vocational training.",
            "The local tax department collected about VND{vnd} trillion in the period, {pct}"
            " more than a year earlier.",
            "Farmers who joined cooperatives under the program earned roughly {pct} more than"
            " those selling to traders.",
            "Economists warn that global demand remains uncertain and urge businesses to"
            " diversify markets.",
            "The industrial park employs more than {nnn} workers, most of them from neighboring"
            " communes.",
            "E-commerce platforms now account for a growing share of sales of local specialties.",
            "The city plans to call for investment in logistics centers next year.",
            "Credit growth remained stable, with banks prioritizing loans to manufacturing and"
            " agriculture.",
        ),
        "subheads": ("Investment momentum", "Challenges ahead", "Going digital", "What comes next"),
        "quotes": (
            "“We want investors to see us as a reliable partner, not just a place with cheap"
            " land,” {official_short} said.",
            "“Orders for the next quarter are full, but we still cannot find enough skilled"
            " workers,” said the director of a furniture company in {city}.",
        ),
        "captions": (
            "Workers at a garment factory in {city}.",
            "Containers are loaded at a port in {city}.",
            "A trade fair in {city} showcases local specialties.",
        ),
    },
    "transport": {
        "titles": (
            "Work starts on {km}-kilometer road upgrade in {city}",
            "{city} airport adds flights to meet peak-season demand",
            "Landslides block mountain roads in {city}; crews clear debris",
            "Expressway section opens to traffic ahead of schedule",
            "Electric buses hit the streets of {city}",
            "Traffic deaths fall {pct} as police step up drink-driving checks",
            "New bridge ends decades of ferry crossings for {city} villagers",
            "Metro ridership hits record during holiday week",
        ),
        "leads": (
            "Construction has begun on a {km}-kilometer road project in {where}, expected to cut"
            " travel times by nearly half when completed in {next_year}.",
            "Heavy rain triggered landslides on several mountain roads in {where} overnight,"
            " leaving some communes temporarily cut off.",
            "Airlines will operate {few} additional daily flights to {city} during the peak"
            " travel season, aviation authorities said.",
            "Police in {city} recorded fewer road accidents in the first months of {year},"
            " crediting tougher enforcement and awareness campaigns.",
        ),
        "sentences": (
            "The project has a total investment of about VND{vnd} trillion, funded by the state"
            " budget.",
            "Contractors have mobilized {nn} workers and dozens of machines to work in three"
            " shifts.",
            "Site clearance is about {pct_mid} complete, with remaining households expected to"
            " hand over land soon.",
            "Traffic police have set up detours and warning signs at the affected sections.",
            "Once completed, the route will connect farming areas with seaports and industrial"
            " zones, lowering logistics costs.",
            "Passenger numbers at the airport are expected to exceed {nnn} this month.",
            "Residents say the old road was full of potholes and nearly impassable in the rainy"
            " season.",
            "Authorities have installed traffic cameras at major intersections to detect"
            " violations automatically.",
            "The Ministry of Construction has asked contractors to guarantee quality and safety"
            " while speeding up work.",
            "Bus operators have been told to publish fares clearly and not to raise prices"
            " during holidays.",
            "Engineers are monitoring slopes along the route as more rain is forecast.",
            "{official_short} said the project was one of the locality's top priorities this year.",
        ),
        "subheads": ("Racing against the rain", "Clearing the way", "Safer roads", "Next steps"),
        "quotes": (
            "“We used to spend half a day getting our coffee to the market. Now it takes an"
            " hour,” a farmer in {city} said.",
            "“No section will be handed over until it passes every quality test,”"
            " {official_short} said.",
        ),
        "captions": (
            "Machines at work on a road project in {city}.",
            "Crews clear a landslide on a mountain road.",
            "Passengers at the airport in {city}.",
        ),
    },
    "tourism": {
        "titles": (
            "{city} welcomes {nnn} visitors during festival week",
            "Homestays bring new income to ethnic minority villages in {city}",
            "Flower season draws crowds to the hills of {city}",
            "{city} restores craft village to attract tourists",
            "Cruise ships return to {city} as international arrivals grow",
            "Night markets and street food: {city} bets on the evening economy",
            "Young artisans revive traditional brocade weaving",
        ),
        "leads": (
            "{where} welcomed about {nnn} visitors during the week-long festival, with hotels"
            " reporting occupancy of {pct_mid}.",
            "Once known only for farming, villages in {where} are now hosting travelers who want"
            " to experience local life.",
            "Tourism authorities in {city} are investing in new attractions and night-time"
            " activities to keep visitors longer.",
            "A group of young artisans in {city} is working to keep traditional weaving alive by"
            " selling their products online.",
        ),
        "sentences": (
            "Visitors can join folk games, try traditional dishes and stay overnight in stilt"
            " houses.",
            "There are now {n} homestays in the village, with about {nn} beds in total.",
            "Local authorities have trained residents in hospitality, food safety and basic"
            " English.",
            "Tourism revenue in the period is estimated at VND{vnd} trillion, up {pct} year-on-"
            "year.",
            "Several historical sites have been restored and opened to the public.",
            "Travel agencies say demand for community-based tours has risen sharply since last"
            " year.",
            "Handmade scarves, bags and bamboo products are popular souvenirs among visitors.",
            "Poor roads to some villages remain a challenge for tour operators.",
            "The festival featured performances by {n} art troupes from across the region.",
            "{official_short} said tourism would be developed hand in hand with heritage"
            " conservation.",
        ),
        "subheads": ("A new livelihood", "Keeping traditions alive", "Room to grow"),
        "quotes": (
            "“Hosting guests has given my family a second income, and my children practice"
            " English every day,” said a homestay owner in {city}.",
            "“Tourists come for the scenery but remember the people,” {official_short} said.",
        ),
        "captions": (
            "Visitors at a festival in {city}.",
            "A homestay in a village in {city}.",
            "Artisans weave brocade in {city}.",
        ),
    },
    "tech": {
        "titles": (
            "Vietnamese start-ups raise US${usd} million in first half",
            "Semiconductor training center opens in {city}",
            "Farmers use drones and apps to cut fertilizer costs",
            "Online public services save {city} residents time and travel",
            "5G coverage expands to rural communes in {city}",
            "{city} courts global cloud providers for new data centers",
            "Electronic health records reach {pct_hi} of residents in {city}",
        ),
        "leads": (
            "Vietnamese technology start-ups raised about US${usd} million in the first half of"
            " {year}, with fintech and agritech drawing the most interest.",
            "A new training center in {city} aims to prepare {nnn} engineers for the"
            " semiconductor industry by {plan_end}.",
            "Farmers in {where} are using drones and mobile apps to monitor crops and spray"
            " fertilizer more precisely.",
            "Residents of {city} can now complete most administrative procedures online,"
            " saving time and travel costs.",
        ),
        "sentences": (
            "More than {pct_hi} of administrative records in the province are now processed"
            " electronically.",
            "Drone spraying reduces chemical use by about {pct} and saves farmers several days"
            " of labor each season.",
            "The center is equipped with chip design software donated by partner companies.",
            "Telecom operators have installed {nn} new base stations in remote areas this year.",
            "Investors say Vietnam's young, tech-savvy population makes it an attractive market.",
            "{official_short} said digital transformation was key to improving public services.",
            "Local universities have opened new programs in data science and microelectronics.",
            "Some residents, especially the elderly, still need help using online services.",
            "The data center project is expected to need about {n} megawatts of power.",
            "Start-up founders say access to early-stage capital remains difficult.",
        ),
        "subheads": ("Going digital", "Skills gap", "What investors want"),
        "quotes": (
            "“The app tells me exactly when to water and how much fertilizer to use,” said a"
            " durian grower in {city}.",
            "“We need engineers more than we need buildings,” {official_short} said.",
        ),
        "captions": (
            "A drone sprays fertilizer over rice fields in {city}.",
            "Students at a chip design class in {city}.",
            "A resident uses an online public service kiosk.",
        ),
    },
    "environment": {
        "titles": (
            "Saltwater intrusion arrives early in the Mekong Delta",
            "{city} plants {ha} hectares of new forest",
            "Flash flood warnings issued for northern mountain provinces",
            "Plastic-free campaign gains ground in {city} markets",
            "Mangrove restoration protects the {city} coastline",
            "Farmers switch to drought-tolerant crops as rainfall shifts",
        ),
        "leads": (
            "Saltwater has pushed up to {km} kilometers inland along major rivers in the Mekong"
            " Delta, weeks earlier than usual, officials said.",
            "{where} planted {ha} hectares of new forest this year, raising its forest cover to"
            " {pct_mid}.",
            "Weather forecasters warned of heavy rain and possible flash floods across northern"
            " mountain provinces including {city}.",
            "Traders at markets in {city} are replacing plastic bags with banana leaves and paper"
            " as part of a city-wide campaign.",
        ),
        "sentences": (
            "Farmers have been advised to store fresh water and delay planting until salinity"
            " falls.",
            "Households that protect forests receive annual payments for environmental services.",
            "Rescue teams and supplies have been positioned in vulnerable communes.",
            "Authorities have relocated {nn} households from areas at high risk of landslides.",
            "Mangrove belts reduce wave energy and protect dykes during storms.",
            "The campaign has cut plastic bag use at participating markets by about {pct}.",
            "Early warning systems have been installed along rivers and steep slopes.",
            "Scientists say shifting rainfall patterns make long-term planning essential.",
            "{official_short} urged communes not to be complacent and to evacuate residents early.",
            "Local volunteers collect and sort waste every weekend along the river banks.",
        ),
        "subheads": ("Early warning", "Living with water", "Community effort"),
        "quotes": (
            "“The water rose so fast that we only had time to carry the children out,” a"
            " resident of {city} recalled.",
            "“Protecting the forest means protecting our water,” {official_short} said.",
        ),
        "captions": (
            "Farmers check salinity levels in a canal.",
            "Volunteers plant mangroves along the coast of {city}.",
            "A landslide on a mountain road after heavy rain.",
        ),
    },
}

GENERIC: Final[tuple[str, ...]] = (
    "Local authorities said they would continue to monitor the situation and report to the"
    " central government.",
    "The program is funded by a mix of state budget, private investment and contributions from"
    " residents.",
    "Residents welcomed the move but said more needs to be done in remote areas.",
    "Officials acknowledged that limited resources and slow paperwork had delayed some work.",
    "The locality aims to complete the plan by {plan_end}.",
    "Similar models will be replicated in other communes if the pilot proves successful.",
    "Since the 2025 reorganization, provinces have been run under a two-tier local government"
    " model.",
    "National statistics show a similar trend across the country.",
    "Experts say long-term success will depend on training and stable funding.",
    "The results will be reviewed at the end of the year.",
)

NEWS_SITE_NAME: Final = "Vietnam Morning Post"
NEWS_SITE_TAGLINE: Final = "English-language news from Vietnam (a tuinews demo)"
