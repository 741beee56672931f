"""Vietnamese vocabulary and templates for the demo (written for tuinews; all news is invented).

Templates use ``{slot}`` placeholders that :mod:`tuinews.demo.content` fills: per-article
context (``{province}``, ``{prov}``, ``{ubnd}``, ``{place}``, ``{leader}``, ``{dept}``, …) and
random numbers (``{n}``, ``{nn}``, ``{pct}``, ``{bn}``, …). Provinces and communes are real
names used as settings; every event, figure and person is made up.
"""

from __future__ import annotations

from typing import Final

# name, kind ("tỉnh", "thành phố" or "" when the name already says it), communes/wards
Province = tuple[str, str, tuple[str, ...]]

REGIONS: Final[dict[str, tuple[Province, ...]]] = {
    "tay_bac": (
        ("Điện Biên", "tỉnh", ("phường Điện Biên Phủ", "xã Mường Phăng", "xã Thanh Yên")),
        ("Lai Châu", "tỉnh", ("phường Tân Phong", "xã Tam Đường", "xã Phong Thổ")),
        ("Sơn La", "tỉnh", ("phường Tô Hiệu", "xã Chiềng Mai", "xã Mường La")),
        ("Lào Cai", "tỉnh", ("phường Sa Pa", "xã Bát Xát", "xã Bắc Hà")),
    ),
    "mien_trung": (
        ("Đà Nẵng", "thành phố", ("phường Hải Châu", "xã Hòa Vang", "phường Hội An")),
        ("Huế", "thành phố", ("phường Thuận Hóa", "xã Phú Vang", "xã A Lưới")),
        ("Quảng Trị", "tỉnh", ("phường Đông Hà", "xã Hướng Hóa", "xã Gio Linh")),
        ("Quảng Ngãi", "tỉnh", ("phường Cẩm Thành", "xã Bình Sơn", "đặc khu Lý Sơn")),
        ("Khánh Hòa", "tỉnh", ("phường Nha Trang", "xã Cam Lâm", "phường Cam Ranh")),
        ("Gia Lai", "tỉnh", ("phường Pleiku", "phường Quy Nhơn", "xã Chư Sê")),
    ),
    "dbscl": (
        ("Cần Thơ", "thành phố", ("phường Ninh Kiều", "xã Phong Điền", "phường Sóc Trăng")),
        ("An Giang", "tỉnh", ("phường Long Xuyên", "phường Châu Đốc", "xã Tri Tôn")),
        ("Đồng Tháp", "tỉnh", ("phường Cao Lãnh", "xã Tháp Mười", "phường Mỹ Tho")),
        ("Vĩnh Long", "tỉnh", ("phường Vĩnh Long", "xã Trà Ôn", "phường Bến Tre")),
        ("Cà Mau", "tỉnh", ("phường An Xuyên", "xã Năm Căn", "phường Bạc Liêu")),
    ),
    "mien_bac": (
        ("Hà Nội", "thành phố", ("phường Hoàn Kiếm", "xã Ba Vì", "xã Sóc Sơn")),
        ("Hải Phòng", "thành phố", ("phường Hồng Bàng", "đặc khu Cát Hải", "phường Hải Dương")),
        ("Quảng Ninh", "tỉnh", ("phường Hạ Long", "đặc khu Vân Đồn", "xã Ba Chẽ")),
        ("Thanh Hóa", "tỉnh", ("phường Hạc Thành", "xã Mường Lát", "phường Sầm Sơn")),
        ("Nghệ An", "tỉnh", ("phường Thành Vinh", "xã Kỳ Sơn", "xã Con Cuông")),
        ("Ninh Bình", "tỉnh", ("phường Hoa Lư", "xã Gia Viễn", "phường Phủ Lý")),
    ),
    "mien_nam": (
        ("TP Hồ Chí Minh", "", ("phường Sài Gòn", "xã Cần Giờ", "phường Thủ Dầu Một")),
        ("Đồng Nai", "tỉnh", ("phường Biên Hòa", "xã Long Thành", "phường Đồng Xoài")),
        ("Tây Ninh", "tỉnh", ("phường Tân Ninh", "phường Long An", "xã Bến Cầu")),
        ("Lâm Đồng", "tỉnh", ("phường Lâm Viên - Đà Lạt", "xã Đức Trọng", "phường Phan Thiết")),
        ("Đắk Lắk", "tỉnh", ("phường Buôn Ma Thuột", "phường Tuy Hòa", "xã Ea Kar")),
    ),
}

# The fictional province of the portal site.
PORTAL_PROVINCE: Final[Province] = (
    "Sơn Lâm",
    "tỉnh",
    (
        "phường Sơn Lâm",
        "phường Tân Phong",
        "xã Mường Lâm",
        "xã Nậm Khao",
        "xã Pá Hồng",
        "xã Chiềng Sơn",
    ),
)

REGION_WORDS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "tay_bac": {
        "crop": ("chè Shan tuyết", "cà phê", "mắc ca", "xoài", "sơn tra", "mận hậu", "lúa nếp"),
        "road": ("Quốc lộ 279", "Quốc lộ 12", "Quốc lộ 6", "Quốc lộ 4D"),
        "expressway": ("cao tốc Sơn La - Điện Biên", "cao tốc Hòa Bình - Mộc Châu"),
        "airport": ("Điện Biên", "Sa Pa"),
        "festival": ("Hoa Ban", "Xên Bản, Xên Mường", "Gầu Tào"),
        "people": ("đồng bào Thái, Mông, Dao", "đồng bào Mông, Khơ Mú", "đồng bào Thái, Lào"),
    },
    "mien_trung": {
        "crop": ("hồ tiêu", "cà phê", "sâm Ngọc Linh", "quế", "dừa", "lúa"),
        "road": ("Quốc lộ 1", "Quốc lộ 14B", "Quốc lộ 24", "đường Hồ Chí Minh"),
        "expressway": ("cao tốc Quảng Ngãi - Hoài Nhơn", "cao tốc Vạn Ninh - Cam Lộ"),
        "airport": ("Đà Nẵng", "Phú Bài", "Cam Ranh", "Chu Lai"),
        "festival": ("Cầu Ngư", "Điện Huế", "Tháp Bà"),
        "people": ("đồng bào Cơ Tu, Vân Kiều", "đồng bào Ba Na, Gia Rai", "đồng bào Xơ Đăng"),
    },
    "dbscl": {
        "crop": ("sầu riêng", "lúa chất lượng cao", "xoài cát", "bưởi da xanh", "khóm", "dừa xiêm"),
        "road": ("Quốc lộ 91", "Quốc lộ 1", "Quốc lộ 61C", "Quốc lộ 80"),
        "expressway": ("cao tốc Cần Thơ - Cà Mau", "cao tốc Châu Đốc - Cần Thơ - Sóc Trăng"),
        "airport": ("Cần Thơ", "Phú Quốc", "Cà Mau"),
        "festival": ("Ok Om Bok", "Trái cây Nam Bộ", "Đua ghe ngo"),
        "people": ("đồng bào Khmer", "đồng bào Khmer, Hoa", "đồng bào Chăm, Khmer"),
    },
    "mien_bac": {
        "crop": ("vải thiều", "nhãn", "cam", "lúa", "chè", "rau an toàn"),
        "road": ("Quốc lộ 5", "Quốc lộ 10", "Quốc lộ 1", "Quốc lộ 18"),
        "expressway": ("đường Vành đai 4 - Vùng Thủ đô", "cao tốc Ninh Bình - Hải Phòng"),
        "airport": ("Nội Bài", "Cát Bi", "Vân Đồn", "Thọ Xuân"),
        "festival": ("Tràng An", "Hoa Lư", "Yên Tử"),
        "people": ("đồng bào Mường, Thái", "đồng bào Dao, Tày", "đồng bào Thái, Khơ Mú"),
    },
    "mien_nam": {
        "crop": ("sầu riêng", "cà phê", "điều", "rau an toàn", "hồ tiêu", "bơ"),
        "road": ("Quốc lộ 13", "Quốc lộ 51", "Quốc lộ 20", "Quốc lộ 22"),
        "expressway": ("đường Vành đai 3", "cao tốc Biên Hòa - Vũng Tàu"),
        "airport": ("Tân Sơn Nhất", "Liên Khương", "Buôn Ma Thuột"),
        "festival": ("Cà phê Buôn Ma Thuột", "Hoa Đà Lạt", "Núi Bà Đen"),
        "people": ("đồng bào Ê Đê, M'nông", "đồng bào Chăm, Khmer", "đồng bào K'Ho, Mạ"),
    },
}

FAMILIES: Final = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
FAMILIES_NW: Final = ("Lò", "Lường", "Quàng", "Cà", "Tòng", "Giàng", "Sùng", "Vàng", "Hà", "Lò")
MONG_FAMILIES: Final = frozenset({"Giàng", "Sùng", "Vàng"})
MALE_MIDDLE: Final = ("Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân", "Thanh", "Công")
FEMALE_MIDDLE: Final = ("Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Thị", "Kim", "Bích")
MALE_GIVEN: Final = (
    "Thắng", "Hùng", "Dũng", "Sơn", "Tuấn", "Long", "Hải", "Bình", "Phong", "Cường",
    "Thành", "Chiến", "Kiên", "Khánh", "Toàn", "Quyết", "Lâm", "Tùng",
)  # fmt: skip
FEMALE_GIVEN: Final = (
    "Hoa", "Lan", "Hương", "Mai", "Hạnh", "Thủy", "Nga", "Hằng", "Liên", "Yến",
    "Dung", "Vân", "Thảo", "Trang", "Oanh", "Huyền",
)  # fmt: skip
MALE_GIVEN_NW: Final = ("Pánh", "Chung", "Sử", "Páo", "Chính", "Xuân", "Dũng", "Khăm", "Pó")
FEMALE_GIVEN_NW: Final = ("Ón", "Xuân", "Lả", "Mai", "Dợ", "Hoa", "Phương", "Cở")

LEADER_TITLES: Final = (
    "Chủ tịch UBND {prov}",
    "Phó Chủ tịch UBND {prov}",
    "Phó Chủ tịch Thường trực UBND {prov}",
)
EXPERT_TITLES: Final = ("Giám đốc {dept}", "Phó Giám đốc {dept}", "Trưởng phòng chuyên môn {dept}")

AUTHORS: Final = (
    "Minh Anh", "Thu Hà", "Quang Huy", "Ngọc Lan", "Hoàng Nam", "Phương Thảo", "Đức Mạnh",
    "Lan Hương", "Trung Kiên", "Mai Phương", "Văn Long", "Khánh Linh", "Hà Trang",
    "Bảo Ngọc", "Tuấn Anh", "Lò Thị Ón", "Quàng Văn Chính", "Thạch Sô Phia",
)  # fmt: skip

TOPIC_LABELS: Final[dict[str, str]] = {
    "nong_nghiep": "Nông nghiệp",
    "giao_thong": "Giao thông",
    "giao_duc": "Giáo dục",
    "y_te": "Y tế",
    "kinh_te": "Kinh tế",
    "chinh_quyen": "Chính quyền",
    "thien_tai": "Thiên tai - Môi trường",
    "van_hoa": "Văn hóa - Du lịch",
    "van_phong": "Hoạt động Văn phòng",
}

DEPTS: Final[dict[str, tuple[str, str]]] = {
    # topic: (provincial department, ministry)
    "nong_nghiep": ("Sở Nông nghiệp và Môi trường", "Bộ Nông nghiệp và Môi trường"),
    "giao_thong": ("Sở Xây dựng", "Bộ Xây dựng"),
    "giao_duc": ("Sở Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo"),
    "y_te": ("Sở Y tế", "Bộ Y tế"),
    "kinh_te": ("Sở Tài chính", "Bộ Tài chính"),
    "chinh_quyen": ("Sở Nội vụ", "Bộ Nội vụ"),
    "thien_tai": ("Sở Nông nghiệp và Môi trường", "Bộ Nông nghiệp và Môi trường"),
    "van_hoa": ("Sở Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
    "van_phong": ("Văn phòng UBND tỉnh", "Văn phòng Chính phủ"),
}

TAGS: Final[dict[str, tuple[str, ...]]] = {
    "nong_nghiep": ("nông nghiệp", "nông sản", "OCOP", "hợp tác xã"),
    "giao_thong": ("giao thông", "hạ tầng", "an toàn giao thông", "đầu tư công"),
    "giao_duc": ("giáo dục", "học sinh", "giáo viên", "chuyển đổi số"),
    "y_te": ("y tế", "sức khỏe", "bảo hiểm y tế", "phòng bệnh"),
    "kinh_te": ("kinh tế", "đầu tư", "xuất khẩu", "doanh nghiệp"),
    "chinh_quyen": ("chính quyền", "cải cách hành chính", "cử tri", "HĐND"),
    "thien_tai": ("thiên tai", "môi trường", "phòng chống lụt bão", "rừng"),
    "van_hoa": ("văn hóa", "du lịch", "lễ hội", "di sản"),
    "van_phong": ("Văn phòng UBND tỉnh", "văn thư lưu trữ", "cổng thông tin"),
}

Topic = dict[str, tuple[str, ...]]

TOPICS: Final[dict[str, Topic]] = {
    "nong_nghiep": {
        "titles": (
            "{province} mở rộng vùng trồng {crop} đạt chuẩn xuất khẩu",
            "Nông dân {place} thu lãi cao nhờ liên kết tiêu thụ {crop}",
            "Hỗ trợ hợp tác xã nâng hạng sản phẩm OCOP tại {province}",
            "{province} cấp mới {n} mã số vùng trồng cho {crop}",
            "Giá {crop} tăng, nông dân {province} phấn khởi vào vụ thu hoạch",
            "Xây dựng chuỗi giá trị {crop} gắn với truy xuất nguồn gốc",
            "Chủ động phòng bệnh cho đàn gia súc dịp giao mùa",
            "Đưa cơ giới hóa vào đồng ruộng ở {place}",
            "Nhiều mô hình trồng {crop} cho thu nhập ổn định ở {province}",
            "{province}: Phấn đấu có thêm {n} sản phẩm OCOP đạt 4 sao",
            "Tiêu thụ {crop} qua sàn thương mại điện tử: hướng đi mới cho nông dân",
        ),
        "leads": (
            "Thời gian qua, nhiều địa phương của {prov} đã chủ động chuyển đổi cơ cấu cây trồng,"
            " mạnh dạn đưa {crop} vào sản xuất theo hướng hàng hóa, mang lại thu nhập ổn định"
            " cho người dân.",
            "Sau {n} năm triển khai, mô hình liên kết sản xuất {crop} tại {place} đã giúp hàng"
            " trăm hộ nông dân có đầu ra ổn định, thu nhập tăng rõ rệt.",
            "Theo {dept} {prov}, toàn địa bàn hiện có khoảng {ha} ha {crop}, trong đó diện tích"
            " đã cho sản phẩm chiếm khoảng {pct_mid}.",
            "Nhằm nâng cao giá trị nông sản, {ubnd} vừa ban hành kế hoạch phát triển vùng"
            " nguyên liệu {crop} tập trung giai đoạn {year} - {plan_end}.",
        ),
        "sentences": (
            "Năm nay, diện tích {crop} trên địa bàn đạt khoảng {ha} ha, tăng {pct} so với cùng"
            " kỳ năm trước.",
            "Nhiều hộ đã mạnh dạn vay vốn đầu tư hệ thống tưới nhỏ giọt, giúp tiết kiệm nước và"
            " giảm chi phí nhân công.",
            "Giá bán tại vườn hiện dao động quanh mức {price} đồng/kg, cao hơn vụ trước khoảng"
            " {pct}.",
            "Hợp tác xã hiện liên kết với {few} doanh nghiệp bao tiêu sản phẩm, ký hợp đồng ngay"
            " từ đầu vụ.",
            "Cán bộ khuyến nông thường xuyên xuống đồng hướng dẫn bà con bón phân, tỉa cành và"
            " phòng trừ sâu bệnh theo đúng quy trình.",
            "Toàn địa bàn đã có {n} sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao trở lên,"
            " nhiều sản phẩm đã có mặt tại các hệ thống siêu thị lớn.",
            "Việc cấp mã số vùng trồng giúp nông sản đủ điều kiện xuất khẩu sang những thị"
            " trường khó tính như Nhật Bản, Hàn Quốc và châu Âu.",
            "Tuy nhiên, thời tiết diễn biến bất thường, nắng nóng kéo dài khiến một số diện tích"
            " bị ảnh hưởng, năng suất giảm nhẹ.",
            "{resident}, một nông dân ở {place}, cho biết mỗi năm gia đình thu lãi hơn"
            " {money} triệu đồng từ {crop}.",
            "Ngành nông nghiệp khuyến cáo người dân không phát triển diện tích ồ ạt, tránh tình"
            " trạng được mùa mất giá.",
            "Bên cạnh đó, địa phương đang thí điểm ghi nhật ký đồng ruộng điện tử và truy xuất"
            " nguồn gốc bằng mã QR.",
            "Tổng giá trị sản xuất nông, lâm nghiệp và thủy sản {period} ước đạt {bn} tỷ đồng.",
            "Từ nguồn vốn các chương trình mục tiêu quốc gia, {n} mô hình sản xuất đã được hỗ"
            " trợ giống, vật tư và tập huấn kỹ thuật.",
            "Nhiều diện tích đất đồi, vườn tạp trước đây nay đã được phủ xanh, cho thu nhập cao"
            " gấp {few} lần so với cây trồng truyền thống.",
        ),
        "subheads": (
            "Liên kết để giữ giá",
            "Chuyển đổi cây trồng phù hợp",
            "Nâng cao giá trị nông sản",
            "Những khó khăn cần tháo gỡ",
            "Hướng tới sản xuất bền vững",
        ),
        "quotes": (
            "“Trước đây bà con trồng theo kinh nghiệm, nay được tập huấn bài bản nên năng suất"
            " và chất lượng đều tăng. Quan trọng nhất là có doanh nghiệp cam kết bao tiêu”,"
            " {expert_short} chia sẻ.",
            "“Nhà tôi chuyển sang trồng {crop} được mấy năm, thu nhập khá hơn hẳn, đủ tiền cho"
            " các con đi học”, {resident} phấn khởi nói.",
            "“Chúng tôi khuyến khích sản xuất theo tiêu chuẩn, có mã số vùng trồng, bởi đó là"
            " tấm hộ chiếu để nông sản đi xa”, {expert_short} nhấn mạnh.",
        ),
        "items": (
            "Rà soát, quy hoạch vùng nguyên liệu tập trung gắn với chế biến;",
            "Hỗ trợ cấp mã số vùng trồng và chứng nhận VietGAP;",
            "Ứng dụng khoa học kỹ thuật, cơ giới hóa các khâu sản xuất;",
            "Kết nối thị trường, quảng bá sản phẩm trên sàn thương mại điện tử;",
            "Đào tạo nghề, nâng cao kỹ năng cho lao động nông thôn.",
        ),
        "captions": (
            "Nông dân {place} thu hoạch {crop}.",
            "Cán bộ khuyến nông hướng dẫn bà con chăm sóc {crop}.",
            "Sản phẩm OCOP của {province} được giới thiệu tại hội chợ.",
            "Một góc vùng trồng {crop} tập trung tại {place}.",
        ),
    },
    "giao_thong": {
        "titles": (
            "Khởi công dự án nâng cấp {road} đoạn qua {province}",
            "{province} đẩy nhanh giải phóng mặt bằng {expressway}",
            "Sạt lở gây ách tắc cục bộ trên {road}, khẩn trương khắc phục",
            "Giải ngân vốn các dự án giao thông trọng điểm đạt {pct_mid}",
            "{province} tăng cường kiểm soát tải trọng xe trên các tuyến đường",
            "Mở thêm tuyến xe buýt kết nối trung tâm {province} với các xã lân cận",
            "Hoàn thành cầu dân sinh, người dân {place} hết cảnh lụy đò",
            "Tai nạn giao thông {period} giảm cả ba tiêu chí",
            "Cảng hàng không {airport} tăng chuyến bay dịp cao điểm",
            "Đề xuất xây dựng tuyến đường kết nối {place} với {expressway}",
        ),
        "leads": (
            "Dự án có tổng mức đầu tư khoảng {bn} tỷ đồng, chiều dài hơn {km} km, dự kiến hoàn"
            " thành trong năm {next_year}, góp phần rút ngắn thời gian di chuyển và thúc đẩy"
            " phát triển kinh tế - xã hội khu vực.",
            "Trước yêu cầu bảo đảm an toàn giao thông và thông suốt các tuyến đường, {dept}"
            " {prov} đã triển khai đồng bộ nhiều giải pháp.",
            "Mưa lớn kéo dài khiến nhiều điểm trên {road} bị sạt lở, đất đá tràn xuống mặt"
            " đường gây ách tắc giao thông cục bộ.",
            "Theo {dept} {prov}, nhiều công trình giao thông trọng điểm trên địa bàn đang được"
            " đẩy nhanh tiến độ, phấn đấu hoàn thành đúng kế hoạch.",
        ),
        "sentences": (
            "Đơn vị thi công đã huy động {nn} cán bộ, công nhân cùng hàng chục máy móc, thiết bị"
            " thi công ba ca liên tục.",
            "Công tác giải phóng mặt bằng đã hoàn thành khoảng {pct_mid} diện tích, phần còn lại"
            " đang được địa phương vận động người dân bàn giao.",
            "Ngay khi nhận được thông tin, lực lượng chức năng đã có mặt tại hiện trường, bố trí"
            " biển báo, phân luồng và hướng dẫn phương tiện lưu thông.",
            "Tuyến đường sau khi hoàn thành có bề rộng nền đường {width} m, mặt đường bê tông"
            " nhựa, đáp ứng nhu cầu vận tải ngày càng tăng.",
            "Theo tính toán, thời gian di chuyển từ trung tâm {province} đến {place} sẽ rút ngắn"
            " khoảng {n} phút.",
            "Lực lượng cảnh sát giao thông tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành"
            " vi vi phạm nồng độ cồn, chạy quá tốc độ và chở quá tải trọng.",
            "Từ đầu năm đến nay, toàn địa bàn xảy ra {n} vụ tai nạn giao thông, giảm {few} vụ so"
            " với cùng kỳ.",
            "Nhiều đoạn tuyến xuống cấp, ổ gà xuất hiện dày đặc, gây khó khăn cho việc đi lại của"
            " người dân và vận chuyển hàng hóa.",
            "Vướng mắc lớn nhất hiện nay là nguồn vật liệu đắp nền và việc di dời hạ tầng kỹ"
            " thuật như đường điện, cáp viễn thông.",
            "Các nhà xe được yêu cầu niêm yết giá vé, không tăng giá bất hợp lý trong những"
            " ngày cao điểm.",
            "Khi đưa vào khai thác, công trình sẽ kết nối các vùng sản xuất với cảng biển và khu"
            " công nghiệp, giảm chi phí logistics.",
            "Cảng hàng không {airport} dự kiến phục vụ khoảng {nnn} lượt hành khách trong tháng"
            " cao điểm.",
            "{ubnd} yêu cầu chủ đầu tư tăng cường giám sát chất lượng, không để xảy ra tình"
            " trạng vừa thi công vừa chờ mặt bằng.",
            "Hệ thống camera giám sát được lắp đặt tại các nút giao trọng điểm giúp phát hiện và"
            " xử lý vi phạm kịp thời.",
        ),
        "subheads": (
            "Khẩn trương khắc phục sự cố",
            "Đẩy nhanh tiến độ thi công",
            "Tháo gỡ vướng mắc mặt bằng",
            "Siết chặt kỷ cương an toàn giao thông",
            "Kỳ vọng động lực phát triển mới",
        ),
        "quotes": (
            "“Chúng tôi xác định không để công trường thiếu việc, tranh thủ thời tiết thuận lợi"
            " để thi công các hạng mục nền, mặt đường”, đại diện nhà thầu cho biết.",
            "“Đường mới làm xong, xe tải vào tận nơi thu mua nông sản, bà con đỡ vất vả hơn"
            " trước nhiều”, {resident} ở {place} phấn khởi nói.",
            "“Chủ đầu tư phải công khai tiến độ từng gói thầu để người dân cùng giám sát”,"
            " {leader_short} yêu cầu.",
        ),
        "items": (
            "Hoàn thành giải phóng mặt bằng các đoạn tuyến còn vướng;",
            "Bố trí đủ nguồn vật liệu cho các gói thầu;",
            "Tăng cường tuần tra, xử lý vi phạm trật tự an toàn giao thông;",
            "Khắc phục ngay các điểm đen, điểm tiềm ẩn tai nạn;",
            "Công khai tiến độ thi công để người dân giám sát.",
        ),
        "captions": (
            "Máy móc thi công trên công trường {road}.",
            "Lực lượng chức năng khắc phục điểm sạt lở trên {road}.",
            "Phương tiện lưu thông qua đoạn tuyến vừa được nâng cấp.",
            "Cảnh sát giao thông hướng dẫn phương tiện tại nút giao.",
        ),
    },
    "giao_duc": {
        "titles": (
            "{province}: Hơn {nnn} thí sinh sẵn sàng cho kỳ thi tốt nghiệp THPT",
            "Điểm trường ở {place} có thêm phòng học mới",
            "Đưa chuyển đổi số vào từng lớp học ở {province}",
            "Bảo đảm bữa ăn bán trú cho học sinh vùng khó khăn",
            "{province} thiếu {nn} giáo viên, đề xuất tuyển dụng bổ sung",
            "Học sinh {province} đoạt {few} giải tại kỳ thi chọn học sinh giỏi quốc gia",
            "Tăng cường tiếng Việt cho trẻ em dân tộc thiểu số trước khi vào lớp 1",
            "Hội thảo đổi mới phương pháp dạy học theo chương trình mới",
            "Xóa phòng học tạm, phòng học mượn tại các xã khó khăn",
            "Phụ huynh {province} phấn khởi với chính sách miễn học phí",
        ),
        "leads": (
            "Năm học này, toàn ngành giáo dục {prov} có hơn {nnn} học sinh, trong đó nhiều em là"
            " con em {people} ở các xã đặc biệt khó khăn.",
            "Để chuẩn bị tốt cho năm học mới, {dept} {prov} đã chỉ đạo các nhà trường rà soát"
            " cơ sở vật chất, bố trí đủ giáo viên đứng lớp.",
            "Với sự hỗ trợ từ nhiều nguồn vốn, điểm trường tại {place} vừa được đầu tư xây mới,"
            " giúp học sinh có môi trường học tập khang trang hơn.",
            "Không chỉ dạy chữ, các thầy cô giáo ở {place} còn chăm lo bữa ăn, giấc ngủ cho học"
            " trò như người thân trong gia đình.",
        ),
        "sentences": (
            "Toàn tỉnh hiện có {nn} trường phổ thông dân tộc bán trú với hơn {nnn} học sinh ăn,"
            " ở tại trường.",
            "Mỗi phòng học đều được trang bị màn hình tương tác, máy chiếu và kết nối Internet"
            " tốc độ cao.",
            "Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt {pct_hi}, tỷ lệ học sinh hoàn thành chương"
            " trình tiểu học đạt trên 99%.",
            "Nhà trường phối hợp với phụ huynh tổ chức ôn tập theo nhóm, chia theo năng lực để"
            " nâng cao chất lượng.",
            "Tình trạng thiếu giáo viên các môn Tin học, Tiếng Anh, Nghệ thuật vẫn chưa được"
            " khắc phục triệt để.",
            "Ngành giáo dục đã triển khai sổ điểm điện tử, học bạ số ở {pct_hi} số trường trên"
            " địa bàn.",
            "Mỗi học sinh bán trú được hỗ trợ tiền ăn và gạo hằng tháng theo chính sách của"
            " Nhà nước.",
            "{teacher}, giáo viên điểm trường {place}, đã gắn bó với nghề hơn {n} năm.",
            "Nhiều em phải đi bộ hàng chục cây số để đến trường, nhất là vào mùa mưa.",
            "Các lớp học được chia theo nhóm nhỏ, khuyến khích học sinh thảo luận và tự trình"
            " bày ý kiến.",
            "Kinh phí xây dựng điểm trường khoảng {small_bn} tỷ đồng, gồm {few} phòng học, nhà"
            " ăn, nhà vệ sinh và khu nội trú.",
            "Ngành giáo dục đề nghị tăng chỉ tiêu biên chế, đồng thời có chính sách thu hút giáo"
            " viên về công tác tại vùng khó khăn.",
            "Đội tuyển học sinh giỏi được ôn luyện tập trung từ đầu năm học với sự tham gia của"
            " các giáo viên giàu kinh nghiệm.",
            "Kết quả kỳ thi năm trước, điểm trung bình các môn của thí sinh trong tỉnh tăng so"
            " với năm liền kề.",
        ),
        "subheads": (
            "Chăm lo từng bữa ăn, giấc ngủ",
            "Đổi mới phương pháp giảng dạy",
            "Bài toán thiếu giáo viên",
            "Chuyển đổi số trong nhà trường",
            "Sẵn sàng cho năm học mới",
        ),
        "quotes": (
            "“Các em ở xa, có em nhà cách trường hơn 10 cây số, nên việc ở bán trú giúp các em"
            " đi học chuyên cần hơn”, {teacher_short} cho biết.",
            "“Điều chúng tôi mong muốn nhất là có thêm giáo viên và phòng học bộ môn để các em"
            " được học đầy đủ theo chương trình mới”, {expert_short} chia sẻ.",
            "“Con tôi giờ về nhà biết đọc sách cho em nghe, cả nhà ai cũng vui”, {resident} nói.",
        ),
        "items": (
            "Rà soát, sắp xếp mạng lưới trường, lớp phù hợp thực tế;",
            "Bố trí đủ giáo viên các môn học theo chương trình mới;",
            "Bảo đảm chế độ, chính sách cho học sinh bán trú;",
            "Đẩy mạnh ứng dụng công nghệ thông tin trong dạy và học;",
            "Tăng cường phối hợp giữa nhà trường, gia đình và xã hội.",
        ),
        "captions": (
            "Giờ học của học sinh điểm trường {place}.",
            "Bữa ăn bán trú của học sinh tại {place}.",
            "Giáo viên hướng dẫn học sinh sử dụng màn hình tương tác.",
            "Thí sinh {province} làm thủ tục dự thi.",
        ),
    },
    "y_te": {
        "titles": (
            "{province} ghi nhận {nn} ca sốt xuất huyết từ đầu năm",
            "Đưa bác sĩ về trạm y tế xã: người dân {place} được khám chữa bệnh tại chỗ",
            "Tiêm bổ sung vắc-xin sởi cho trẻ em tại {province}",
            "Bệnh viện Đa khoa {prov} triển khai khám bệnh từ xa",
            "Tỷ lệ bao phủ bảo hiểm y tế của {province} đạt {pct_hi}",
            "Cấp cứu thành công bệnh nhân ngừng tuần hoàn nhờ kích hoạt báo động đỏ",
            "Tăng cường kiểm tra an toàn thực phẩm dịp lễ hội",
            "Khám sàng lọc miễn phí cho {nn} người cao tuổi ở {place}",
            "Hồ sơ sức khỏe điện tử: bước tiến mới của y tế cơ sở {province}",
            "Chủ động phòng bệnh tay chân miệng trong trường mầm non",
        ),
        "leads": (
            "Theo {dept} {prov}, từ đầu năm đến nay, toàn địa bàn đã ghi nhận {nn} ca mắc sốt"
            " xuất huyết, tập trung chủ yếu tại các phường trung tâm.",
            "Nhằm nâng cao chất lượng khám, chữa bệnh cho người dân vùng sâu, vùng xa, ngành y"
            " tế {prov} đã luân phiên cử bác sĩ tuyến tỉnh về hỗ trợ trạm y tế xã.",
            "Trong {few} ngày, đoàn y, bác sĩ đã khám, tư vấn sức khỏe và cấp thuốc miễn phí cho"
            " hàng trăm người dân tại {place}.",
            "Với việc ứng dụng công nghệ thông tin, người bệnh có thể đặt lịch khám, tra cứu kết"
            " quả xét nghiệm và thanh toán viện phí trực tuyến.",
        ),
        "sentences": (
            "Ngành y tế đã phun hóa chất diệt muỗi, xử lý ổ dịch và phát động chiến dịch diệt"
            " lăng quăng tại các khu dân cư.",
            "Mỗi ngày, bệnh viện tiếp nhận khoảng {nn} lượt người bệnh đến khám và điều trị.",
            "Người dân được khuyến cáo khi có dấu hiệu sốt cao, đau đầu, mệt mỏi cần đến ngay cơ"
            " sở y tế để được khám và điều trị kịp thời.",
            "Trạm y tế xã hiện có {few} cán bộ, trong đó có 1 bác sĩ, còn lại là y sĩ, điều dưỡng"
            " và nữ hộ sinh.",
            "Từ khi triển khai hồ sơ sức khỏe điện tử, {pct_hi} người dân trên địa bàn đã được"
            " lập hồ sơ và theo dõi sức khỏe định kỳ.",
            "Kíp trực đã nhanh chóng kích hoạt quy trình báo động đỏ, phối hợp nhiều chuyên khoa"
            " để cấp cứu người bệnh.",
            "Bác sĩ khuyến cáo người dân không tự ý mua thuốc điều trị, đặc biệt là thuốc kháng"
            " sinh.",
            "Qua khám sàng lọc, nhiều trường hợp tăng huyết áp, đái tháo đường được phát hiện"
            " sớm và tư vấn điều trị.",
            "Việc hội chẩn trực tuyến với các bệnh viện tuyến trung ương giúp người bệnh được"
            " điều trị ngay tại tỉnh, giảm chi phí đi lại.",
            "Đoàn kiểm tra liên ngành đã kiểm tra {nn} cơ sở sản xuất, kinh doanh thực phẩm,"
            " nhắc nhở và xử phạt các cơ sở vi phạm.",
            "Ngành y tế còn thiếu nhân lực, nhất là bác sĩ chuyên khoa tại tuyến cơ sở.",
            "Tỷ lệ tiêm chủng đầy đủ cho trẻ dưới 1 tuổi đạt {pct_hi}.",
            "Bệnh viện đã đầu tư hệ thống chụp cắt lớp, nội soi và xét nghiệm hiện đại, đáp ứng"
            " yêu cầu chuyên môn.",
            "Người tham gia bảo hiểm y tế được hưởng đầy đủ quyền lợi khi khám, chữa bệnh theo"
            " quy định.",
        ),
        "subheads": (
            "Chủ động ứng phó dịch bệnh",
            "Nâng cao chất lượng y tế cơ sở",
            "Ứng dụng công nghệ trong khám chữa bệnh",
            "Vẫn còn khó khăn về nhân lực",
            "Khuyến cáo của ngành y tế",
        ),
        "quotes": (
            "“Trước đây muốn khám bác sĩ giỏi phải xuống tỉnh, mất cả ngày đi lại. Giờ bác sĩ"
            " về tận xã, bà con yên tâm lắm”, {resident} ở {place} nói.",
            "“Dịch bệnh có thể bùng phát bất cứ lúc nào nếu chúng ta chủ quan. Mỗi gia đình cần"
            " chủ động loại bỏ nơi muỗi sinh sản”, {expert_short} khuyến cáo.",
            "“Chỉ cần vài phút đặt lịch trên điện thoại, đến nơi là được khám ngay, không phải"
            " xếp hàng như trước”, một người bệnh chia sẻ.",
        ),
        "items": (
            "Ngủ màn kể cả ban ngày, mặc quần áo dài tay;",
            "Loại bỏ các vật dụng chứa nước đọng quanh nhà;",
            "Rửa tay thường xuyên bằng xà phòng;",
            "Đưa trẻ đi tiêm chủng đầy đủ, đúng lịch;",
            "Đến cơ sở y tế ngay khi có dấu hiệu bất thường.",
        ),
        "captions": (
            "Bác sĩ khám bệnh cho người dân tại {place}.",
            "Nhân viên y tế tiêm vắc-xin cho trẻ em.",
            "Hội chẩn trực tuyến tại Bệnh viện Đa khoa {prov}.",
            "Đoàn kiểm tra an toàn thực phẩm làm việc tại một cơ sở kinh doanh.",
        ),
    },
    "kinh_te": {
        "titles": (
            "Thu ngân sách {period} của {province} đạt {pct_mid} dự toán",
            "Kim ngạch xuất khẩu của {province} tăng {pct}",
            "{province} thu hút thêm {n} dự án đầu tư với tổng vốn {bn} tỷ đồng",
            "Giải ngân vốn đầu tư công: {province} quyết tâm về đích sớm",
            "Doanh nghiệp {province} tìm cơ hội mở rộng thị trường",
            "Chỉ số sản xuất công nghiệp của {province} tăng {pct}",
            "Thương mại điện tử giúp đặc sản {province} vươn xa",
            "Hơn {nn} doanh nghiệp thành lập mới trong {period}",
            "Du lịch {province} đón {nnn} lượt khách, doanh thu tăng mạnh",
            "Gỡ khó cho dự án chậm tiến độ tại khu công nghiệp",
        ),
        "leads": (
            "Trong bối cảnh còn nhiều khó khăn, kinh tế {prov} vẫn duy trì đà tăng trưởng, nhiều"
            " chỉ tiêu quan trọng đạt và vượt kế hoạch.",
            "Theo báo cáo của {dept} {prov}, {period} tổng thu ngân sách nhà nước trên địa bàn"
            " ước đạt {bn} tỷ đồng, bằng {pct_mid} dự toán.",
            "Với lợi thế về vị trí địa lý và nguồn nguyên liệu dồi dào, {prov} đang trở thành"
            " điểm đến hấp dẫn của nhiều nhà đầu tư.",
            "Các doanh nghiệp trên địa bàn {prov} đang tích cực đa dạng hóa thị trường, đẩy mạnh"
            " xúc tiến thương mại để giữ vững đơn hàng.",
        ),
        "sentences": (
            "Tổng sản phẩm trên địa bàn (GRDP) ước tăng {growth}, cao hơn mức bình quân chung"
            " của vùng.",
            "Các mặt hàng xuất khẩu chủ lực gồm nông sản chế biến, thủy sản, dệt may và đồ gỗ.",
            "Tổng vốn đầu tư toàn xã hội ước đạt {bn} tỷ đồng, tăng {pct} so với cùng kỳ.",
            "{ubnd} đã thành lập tổ công tác đặc biệt để tháo gỡ vướng mắc cho các dự án trọng"
            " điểm.",
            "Tỷ lệ giải ngân vốn đầu tư công đến nay đạt {pct_mid} kế hoạch vốn được giao.",
            "Nhiều doanh nghiệp cho biết chi phí vận chuyển và nguyên liệu đầu vào tăng đã ảnh"
            " hưởng đến lợi nhuận.",
            "Các sản phẩm OCOP và đặc sản địa phương được đưa lên sàn thương mại điện tử, tiếp"
            " cận khách hàng trên cả nước.",
            "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) có nhiều cải thiện, nhất là ở các chỉ số"
            " chi phí thời gian và tính minh bạch.",
            "Lượng khách du lịch tăng mạnh vào dịp cuối tuần, công suất phòng tại các cơ sở lưu"
            " trú đạt {pct_mid}.",
            "Tín dụng tăng trưởng ổn định, tập trung vào các lĩnh vực sản xuất, kinh doanh và"
            " nông nghiệp nông thôn.",
            "Hiện trên địa bàn có khoảng {nnn} doanh nghiệp đang hoạt động, phần lớn là doanh"
            " nghiệp nhỏ và vừa.",
            "Để tạo thuận lợi cho nhà đầu tư, tỉnh đã rút ngắn thời gian giải quyết thủ tục đầu"
            " tư xuống còn {n} ngày làm việc.",
            "Ngành công thương phối hợp tổ chức các phiên chợ hàng Việt về nông thôn, kết nối"
            " cung cầu giữa doanh nghiệp và nhà phân phối.",
            "Một số dự án chậm triển khai do vướng mắc về đất đai, quy hoạch và năng lực tài"
            " chính của nhà đầu tư.",
        ),
        "subheads": (
            "Nhiều chỉ tiêu tăng trưởng khả quan",
            "Cải thiện môi trường đầu tư",
            "Khơi thông nguồn lực",
            "Đa dạng hóa thị trường",
            "Nhiệm vụ trọng tâm thời gian tới",
        ),
        "quotes": (
            "“Chúng tôi cam kết đồng hành cùng nhà đầu tư, giải quyết thủ tục nhanh nhất có thể"
            " trong khuôn khổ pháp luật”, {leader_short} khẳng định.",
            "“Đơn hàng quý tới đã kín, nhưng doanh nghiệp vẫn cần thêm lao động có tay nghề”,"
            " giám đốc một công ty chế biến ở {place} cho biết.",
            "“Thủ tục bây giờ nhanh hơn trước nhiều, nộp hồ sơ trực tuyến là có kết quả đúng"
            " hẹn”, đại diện một doanh nghiệp chia sẻ.",
        ),
        "items": (
            "Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh;",
            "Đẩy nhanh tiến độ giải ngân vốn đầu tư công;",
            "Cải thiện mạnh mẽ môi trường đầu tư, kinh doanh;",
            "Phát triển thương mại điện tử và kinh tế số;",
            "Tăng cường xúc tiến thương mại, mở rộng thị trường xuất khẩu.",
        ),
        "captions": (
            "Sản xuất hàng xuất khẩu tại một doanh nghiệp ở {province}.",
            "Một góc khu công nghiệp trên địa bàn {prov}.",
            "Đặc sản {province} được giới thiệu trên sàn thương mại điện tử.",
            "Du khách tham quan tại {place}.",
        ),
    },
    "chinh_quyen": {
        "titles": (
            "Phiên họp thường kỳ UBND {prov} tháng {month_num}",
            "Kỳ họp HĐND {prov} xem xét, quyết định nhiều nội dung quan trọng",
            "Tiếp xúc cử tri tại {place}",
            "Hội nghị giao ban công tác cải cách hành chính quý {quarter}",
            "{province} sơ kết hoạt động của chính quyền địa phương hai cấp",
            "Chủ tịch UBND {prov} đối thoại với doanh nghiệp",
            "Triển khai kế hoạch chuyển đổi số năm {year}",
            "Đoàn công tác {ministry} làm việc với {prov}",
            "Công bố quyết định về công tác cán bộ tại {dept} {prov}",
            "Nâng cao hiệu quả tiếp công dân, giải quyết khiếu nại, tố cáo",
        ),
        "leads": (
            "Dưới sự chủ trì của {leader}, {leader_title}, {ubnd} đã tổ chức phiên họp để đánh"
            " giá tình hình kinh tế - xã hội và triển khai nhiệm vụ thời gian tới.",
            "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến đến các điểm cầu"
            " xã, phường trên địa bàn {prov}.",
            "Tham dự có {leader}, {leader_title}, lãnh đạo các sở, ban, ngành, Ủy ban MTTQ Việt"
            " Nam tỉnh cùng đông đảo cử tri {place}.",
            "Phát biểu kết luận, {leader}, {leader_title}, đề nghị các sở, ngành và địa phương"
            " quyết liệt hơn nữa trong chỉ đạo, điều hành.",
        ),
        "sentences": (
            "Tại phiên họp, các đại biểu đã thảo luận, cho ý kiến vào {n} tờ trình, dự thảo nghị"
            " quyết trình kỳ họp HĐND tỉnh.",
            "Cử tri {place} kiến nghị sớm đầu tư sửa chữa đường giao thông nông thôn, kênh mương"
            " nội đồng và trường học.",
            "Chỉ số cải cách hành chính của tỉnh năm qua tăng {few} bậc so với năm trước.",
            "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn và trước hạn đạt {pct_hi}.",
            "{leader_short} yêu cầu người đứng đầu các cơ quan, đơn vị chịu trách nhiệm trước"
            " UBND tỉnh về kết quả thực hiện nhiệm vụ được giao.",
            "Các ý kiến, kiến nghị của cử tri đã được lãnh đạo các sở, ngành trả lời, giải trình"
            " cụ thể ngay tại hội nghị.",
            "Hội nghị đã thống nhất nhiều giải pháp nhằm thúc đẩy tăng trưởng, bảo đảm an sinh"
            " xã hội và giữ vững quốc phòng, an ninh.",
            "Sau sắp xếp, bộ máy chính quyền cấp xã đã đi vào hoạt động nền nếp, người dân không"
            " phải đi lại nhiều lần.",
            "Nhiều đại biểu đề nghị làm rõ nguyên nhân chậm giải ngân ở một số dự án và trách"
            " nhiệm của chủ đầu tư.",
            "{ubnd} giao Văn phòng UBND tỉnh tổng hợp ý kiến, hoàn thiện hồ sơ trước khi trình"
            " cấp có thẩm quyền.",
            "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo được thực hiện nghiêm túc,"
            " không để phát sinh điểm nóng.",
            "Tỉnh tiếp tục đẩy mạnh dịch vụ công trực tuyến toàn trình, tăng cường thanh toán"
            " không dùng tiền mặt.",
            "Các đại biểu dành nhiều thời gian thảo luận về công tác quy hoạch, quản lý đất đai"
            " và bảo vệ môi trường.",
            "Về công tác cán bộ, tỉnh đã kiện toàn kịp thời các vị trí lãnh đạo còn khuyết tại"
            " một số sở, ngành.",
        ),
        "subheads": (
            "Nhiều chỉ tiêu đạt và vượt kế hoạch",
            "Thẳng thắn chỉ ra hạn chế",
            "Giải quyết kiến nghị của cử tri",
            "Nhiệm vụ trọng tâm thời gian tới",
            "Siết chặt kỷ luật, kỷ cương hành chính",
        ),
        "quotes": (
            "“Tinh thần là nói đi đôi với làm, việc gì đã giao phải có người chịu trách nhiệm"
            " đến cùng”, {leader_short} nhấn mạnh.",
            "“Chúng tôi mong chính quyền sớm nâng cấp tuyến đường vào bản để con em đi học"
            " thuận lợi hơn trong mùa mưa”, cử tri {resident_name} kiến nghị.",
            "“Mỗi kiến nghị của cử tri phải được theo dõi đến khi có kết quả, không để người dân"
            " chờ đợi”, {leader_short} yêu cầu.",
        ),
        "items": (
            "Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh;",
            "Đẩy nhanh tiến độ giải ngân vốn đầu tư công;",
            "Nâng cao chất lượng giải quyết thủ tục hành chính;",
            "Bảo đảm an sinh xã hội, chăm lo đời sống nhân dân;",
            "Giữ vững quốc phòng, an ninh, trật tự an toàn xã hội.",
        ),
        "captions": (
            "{leader}, {leader_title} phát biểu tại hội nghị.",
            "Quang cảnh phiên họp.",
            "Cử tri {place} phát biểu ý kiến.",
            "Các đại biểu dự hội nghị tại điểm cầu {prov}.",
        ),
    },
    "thien_tai": {
        "titles": (
            "Mưa lũ gây thiệt hại tại {province}, khẩn trương khắc phục hậu quả",
            "{province} chủ động phương án ứng phó mưa lớn, sạt lở đất",
            "Di dời {nn} hộ dân khỏi vùng nguy cơ sạt lở",
            "Trồng mới {ha} ha rừng, nâng tỷ lệ che phủ rừng",
            "Nông dân {province} chủ động trữ nước ngọt mùa khô",
            "Diễn tập phòng thủ dân sự tại {place}",
            "Xử lý rác thải sinh hoạt ở nông thôn: cần giải pháp căn cơ",
            "Cảnh báo lũ quét, sạt lở đất tại nhiều xã của {province}",
            "Chi trả dịch vụ môi trường rừng cho {nnn} hộ nhận khoán",
        ),
        "leads": (
            "Do ảnh hưởng của mưa lớn kéo dài, nhiều khu vực tại {prov} xảy ra sạt lở đất, ngập"
            " úng cục bộ, gây thiệt hại về tài sản và hoa màu của người dân.",
            "Trước diễn biến phức tạp của thời tiết, Ban Chỉ huy phòng thủ dân sự {prov} đã yêu"
            " cầu các địa phương rà soát, chủ động phương án ứng phó.",
            "Công tác trồng và bảo vệ rừng tiếp tục được {prov} quan tâm, góp phần bảo vệ môi"
            " trường sinh thái và tạo sinh kế bền vững cho người dân.",
            "Sau {few} ngày ra quân, lực lượng vũ trang và người dân đã cơ bản khắc phục xong hậu"
            " quả của đợt thiên tai vừa qua.",
        ),
        "sentences": (
            "Theo thống kê ban đầu, mưa lũ đã làm {n} nhà bị tốc mái, hơn {nn} ha lúa và hoa màu"
            " bị ngập úng.",
            "Lực lượng quân đội, công an cùng chính quyền địa phương đã hỗ trợ người dân di"
            " chuyển tài sản đến nơi an toàn.",
            "Các hộ dân ở vùng có nguy cơ cao được bố trí chỗ ở tạm tại nhà văn hóa, trường học.",
            "Cơ quan khí tượng dự báo trong những ngày tới, mưa lớn có thể tiếp tục xảy ra, nguy"
            " cơ lũ quét và sạt lở đất rất cao.",
            "Tỷ lệ che phủ rừng của tỉnh hiện đạt {pct_mid}, tăng so với năm trước.",
            "Người dân nhận khoán bảo vệ rừng được chi trả dịch vụ môi trường rừng, tạo thêm thu"
            " nhập ổn định.",
            "Nhiều tuyến đường liên xã bị chia cắt, việc vận chuyển hàng hóa và đi lại của người"
            " dân gặp khó khăn.",
            "Ngành nông nghiệp hướng dẫn bà con khẩn trương tiêu úng, gieo trồng lại diện tích"
            " bị thiệt hại ngay khi nước rút.",
            "Độ mặn đo được tại các cửa sông cao hơn trung bình nhiều năm, có nơi xâm nhập sâu"
            " hơn {km} km.",
            "Các địa phương đã chuẩn bị lương thực, nước uống, thuốc men theo phương châm “bốn"
            " tại chỗ”.",
            "Mô hình phân loại rác tại nguồn bước đầu được người dân hưởng ứng, lượng rác phải"
            " chôn lấp giảm rõ rệt.",
            "Tỉnh đã xuất ngân sách dự phòng hỗ trợ kịp thời các hộ bị thiệt hại, ổn định cuộc"
            " sống.",
            "Buổi diễn tập có sự tham gia của hơn {nn} cán bộ, chiến sĩ và người dân, sử dụng"
            " nhiều phương tiện cứu hộ.",
            "Hệ thống cảnh báo sớm được lắp đặt tại các khu vực xung yếu giúp người dân chủ động"
            " sơ tán khi có mưa lớn.",
        ),
        "subheads": (
            "Khắc phục hậu quả thiên tai",
            "Không để người dân bị đói, rét",
            "Chủ động từ sớm, từ xa",
            "Giữ rừng để giữ nước",
            "Nâng cao ý thức cộng đồng",
        ),
        "quotes": (
            "“Nước lên nhanh quá, may có bộ đội và công an đến giúp chuyển đồ đạc lên chỗ cao”,"
            " {resident} ở {place} kể lại.",
            "“Chúng tôi yêu cầu các địa phương tuyệt đối không chủ quan, kiên quyết di dời người"
            " dân khỏi vùng nguy hiểm”, {leader_short} chỉ đạo.",
            "“Giữ được rừng là giữ được nguồn nước cho cả bản, nên ai cũng có trách nhiệm”,"
            " {resident} nói.",
        ),
        "items": (
            "Theo dõi chặt chẽ diễn biến thời tiết, thông tin kịp thời cho người dân;",
            "Rà soát các khu vực nguy cơ sạt lở, lũ quét để di dời dân;",
            "Chuẩn bị lực lượng, phương tiện theo phương châm “bốn tại chỗ”;",
            "Hỗ trợ người dân ổn định cuộc sống, khôi phục sản xuất;",
            "Tuyên truyền kỹ năng phòng tránh thiên tai đến từng hộ gia đình.",
        ),
        "captions": (
            "Lực lượng chức năng giúp người dân {place} khắc phục hậu quả mưa lũ.",
            "Điểm sạt lở tại {place}.",
            "Người dân trồng rừng tại {place}.",
            "Buổi diễn tập phòng thủ dân sự tại {place}.",
        ),
    },
    "van_hoa": {
        "titles": (
            "Lễ hội {festival} thu hút đông đảo du khách",
            "Phát triển du lịch cộng đồng ở {place}",
            "{province} phục dựng nghề dệt thổ cẩm truyền thống",
            "Giữ gìn bản sắc văn hóa các dân tộc ở {province}",
            "Homestay ở {place}: hướng đi mới giúp người dân tăng thu nhập",
            "Tuần Văn hóa - Du lịch {province} năm {year} có nhiều hoạt động đặc sắc",
            "Khai trương điểm du lịch sinh thái mới tại {place}",
            "Trao bằng công nhận di sản văn hóa phi vật thể quốc gia",
            "Đưa dân ca, dân vũ vào trường học ở {province}",
        ),
        "leads": (
            "Lễ hội diễn ra trong {few} ngày với nhiều hoạt động văn hóa, thể thao, ẩm thực đặc"
            " sắc, tái hiện đời sống tinh thần phong phú của {people}.",
            "Từ một làng quê thuần nông, {place} nay đã trở thành điểm đến quen thuộc của du"
            " khách trong và ngoài nước.",
            "Công tác bảo tồn, phát huy giá trị di sản văn hóa các dân tộc được {prov} quan tâm,"
            " gắn với phát triển du lịch bền vững.",
            "Theo {dept} {prov}, {period} toàn địa bàn đón hơn {nnn} lượt khách, tổng thu từ du"
            " lịch ước đạt {bn} tỷ đồng.",
        ),
        "sentences": (
            "Du khách được trải nghiệm các trò chơi dân gian như ném còn, kéo co, đẩy gậy và"
            " thưởng thức ẩm thực truyền thống.",
            "Nhiều hộ gia đình đã cải tạo nhà ở thành cơ sở lưu trú, đón khách nghỉ qua đêm.",
            "Các nghệ nhân tận tình truyền dạy kỹ thuật dệt, thêu, nhuộm chàm cho thế hệ trẻ.",
            "Hiện {place} có {n} cơ sở homestay với khoảng {nn} giường, mỗi năm đón hàng nghìn"
            " lượt khách.",
            "Đội văn nghệ của thôn, bản thường xuyên biểu diễn phục vụ du khách vào dịp cuối tuần.",
            "Tỉnh đã hỗ trợ người dân tập huấn kỹ năng làm du lịch, ngoại ngữ giao tiếp và vệ"
            " sinh an toàn thực phẩm.",
            "Cảnh quan thiên nhiên, khí hậu mát mẻ là lợi thế để phát triển du lịch sinh thái,"
            " nghỉ dưỡng.",
            "Nhiều di tích lịch sử, văn hóa đã được tu bổ, tôn tạo, phục vụ nhu cầu tham quan,"
            " tìm hiểu của nhân dân.",
            "Tuy nhiên, sản phẩm du lịch còn đơn điệu, hạ tầng giao thông đến một số điểm còn"
            " khó khăn.",
            "Các sản phẩm thủ công như khăn thêu, túi thổ cẩm, đồ mây tre đan được du khách ưa"
            " chuộng làm quà lưu niệm.",
            "Lễ hội năm nay được tổ chức quy mô hơn, có sự tham gia của {n} đoàn nghệ nhân đến"
            " từ các địa phương.",
            "Ngành văn hóa đẩy mạnh quảng bá du lịch trên mạng xã hội, phối hợp với các hãng lữ"
            " hành xây dựng tour, tuyến mới.",
        ),
        "subheads": (
            "Bảo tồn gắn với phát huy giá trị",
            "Sinh kế mới từ du lịch",
            "Điểm nhấn hấp dẫn du khách",
            "Cần sự chung tay của cộng đồng",
        ),
        "quotes": (
            "“Làm du lịch giúp gia đình tôi có thêm thu nhập, các con cũng được học hỏi, giao"
            " lưu nhiều hơn”, {resident}, chủ một homestay ở {place}, cho biết.",
            "“Mỗi lễ hội là dịp để đồng bào gìn giữ phong tục, tập quán tốt đẹp và giới thiệu"
            " với bạn bè gần xa”, {expert_short} nói.",
            "“Tôi chỉ mong lớp trẻ còn giữ được tiếng nói, điệu múa của cha ông”, một nghệ nhân"
            " cao tuổi ở {place} tâm sự.",
        ),
        "items": (
            "Kiểm kê, số hóa di sản văn hóa phi vật thể;",
            "Hỗ trợ nghệ nhân truyền dạy cho thế hệ trẻ;",
            "Xây dựng sản phẩm du lịch gắn với bản sắc địa phương;",
            "Đào tạo kỹ năng làm du lịch cho người dân;",
            "Quảng bá điểm đến trên các nền tảng số.",
        ),
        "captions": (
            "Du khách trải nghiệm văn hóa truyền thống tại {place}.",
            "Màn trình diễn nghệ thuật tại lễ hội {festival}.",
            "Nghệ nhân truyền dạy nghề dệt thổ cẩm.",
            "Một homestay ở {place}.",
        ),
    },
    "van_phong": {
        "titles": (
            "Văn phòng UBND tỉnh tổ chức hội nghị cán bộ, công chức, viên chức năm {year}",
            "Tập huấn nghiệp vụ văn thư, lưu trữ và quản lý văn bản điện tử năm {year}",
            "Hội nghị trao đổi kinh nghiệm vận hành Cổng thông tin điện tử các tỉnh năm {year}",
            "Triển khai hệ thống thông tin giải quyết thủ tục hành chính dùng chung",
            "Văn phòng UBND tỉnh dẫn đầu chỉ số cải cách hành chính khối cơ quan cấp tỉnh",
            "Hội thảo nâng cao năng lực tham mưu, tổng hợp cho công chức văn phòng",
            "Kiểm tra công tác văn thư, lưu trữ tại các sở, ngành",
            "Chi bộ Văn phòng UBND tỉnh sinh hoạt chuyên đề quý {quarter}",
            "Tiếp nhận, xử lý phản ánh của người dân qua đường dây nóng",
            "Đoàn công tác tỉnh bạn thăm và làm việc với Văn phòng UBND tỉnh",
        ),
        "leads": (
            "Chiều qua, Văn phòng UBND tỉnh tổ chức hội nghị nhằm đánh giá kết quả thực hiện"
            " nhiệm vụ và triển khai kế hoạch công tác năm {year}.",
            "Lớp tập huấn thu hút hơn {nn} học viên là cán bộ, công chức làm công tác văn"
            " phòng tại các sở, ngành và UBND các xã, phường.",
            "Những năm qua, Văn phòng UBND tỉnh đã thực hiện tốt vai trò tham mưu, tổng hợp,"
            " phục vụ sự chỉ đạo, điều hành của UBND tỉnh và Chủ tịch UBND tỉnh.",
            "Thực hiện kế hoạch công tác năm {year}, đoàn kiểm tra của Văn phòng UBND tỉnh đã làm"
            " việc tại {n} cơ quan, đơn vị trên địa bàn.",
        ),
        "sentences": (
            "Năm qua, Văn phòng đã tham mưu ban hành {nn} văn bản chỉ đạo, điều hành của UBND"
            " tỉnh, Chủ tịch UBND tỉnh.",
            "Trên {pct_hi} văn bản được gửi, nhận dưới dạng điện tử, có ký số theo quy định.",
            "Cổng thông tin điện tử tỉnh đã đăng tải hơn {nnn} tin, bài, văn bản, thu hút hàng"
            " triệu lượt truy cập.",
            "Trung tâm Phục vụ hành chính công tiếp nhận {nnn} hồ sơ, trong đó {pct_hi} được giải"
            " quyết đúng hạn.",
            "Các học viên được hướng dẫn quy trình lập hồ sơ điện tử, số hóa tài liệu và sử dụng"
            " chữ ký số chuyên dùng.",
            "Công tác phối hợp giữa Văn phòng với các sở, ngành ngày càng chặt chẽ, kịp thời.",
            "Đội ngũ cán bộ, công chức không ngừng học tập nâng cao trình độ chuyên môn, nghiệp"
            " vụ, đáp ứng yêu cầu nhiệm vụ trong tình hình mới.",
            "Hội nghị cũng đã khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong thực"
            " hiện nhiệm vụ năm {prev_year}.",
            "Đường dây nóng của tỉnh đã tiếp nhận {nn} phản ánh, kiến nghị, chuyển các cơ quan"
            " chức năng xử lý theo thẩm quyền.",
            "Hệ thống họp trực tuyến được kết nối thông suốt từ tỉnh đến các xã, phường, tiết"
            " kiệm thời gian và chi phí.",
            "Tại buổi làm việc, hai bên đã trao đổi kinh nghiệm trong công tác tham mưu, tổng hợp"
            " và ứng dụng công nghệ thông tin.",
            "Các đại biểu thống nhất cần chuẩn hóa quy trình nghiệp vụ, tăng cường kết nối, chia"
            " sẻ dữ liệu giữa các hệ thống.",
        ),
        "subheads": ("Kết quả nổi bật", "Nhiệm vụ năm {year}"),
        "quotes": (
            "“Mỗi văn bản tham mưu phải bảo đảm đúng, trúng và kịp thời; đó là thước đo năng lực"
            " của người làm văn phòng”, {leader_short} nhấn mạnh.",
        ),
        "items": (
            "Nâng cao chất lượng tham mưu, tổng hợp;",
            "Đẩy mạnh xử lý văn bản, hồ sơ công việc trên môi trường mạng;",
            "Kiện toàn tổ chức bộ máy, nâng cao chất lượng đội ngũ;",
            "Thực hiện nghiêm kỷ luật, kỷ cương hành chính.",
        ),
        "captions": (
            "Quang cảnh hội nghị.",
            "{leader}, {leader_title} phát biểu chỉ đạo.",
            "Các học viên tham dự lớp tập huấn.",
            "Lãnh đạo Văn phòng UBND tỉnh trao khen thưởng cho các tập thể.",
        ),
    },
}

GENERIC: Final[tuple[str, ...]] = (
    "Lãnh đạo {dept} đề nghị các đơn vị liên quan tăng cường phối hợp, kịp thời tháo gỡ khó"
    " khăn, vướng mắc phát sinh trong quá trình triển khai.",
    "Theo đánh giá của {ubnd}, kết quả đạt được là tiền đề quan trọng để địa phương hoàn thành"
    " các chỉ tiêu phát triển kinh tế - xã hội năm {year}.",
    "Công tác tuyên truyền được đẩy mạnh qua hệ thống loa truyền thanh cơ sở, mạng xã hội và"
    " các buổi sinh hoạt cộng đồng tại thôn, bản.",
    "Tuy nhiên, nguồn lực đầu tư còn hạn chế, một số nơi triển khai chậm, chưa đáp ứng yêu cầu"
    " đề ra.",
    "Trong thời gian tới, địa phương tiếp tục rà soát, bổ sung cơ chế, chính sách phù hợp với"
    " điều kiện thực tế.",
    "Theo {leader_short}, việc phân công rõ người, rõ việc, rõ thời gian hoàn thành đã tạo"
    " chuyển biến rõ nét.",
    "Người dân {place} đánh giá cao sự vào cuộc của chính quyền cơ sở, đặc biệt là việc công"
    " khai thông tin minh bạch.",
    "Nhiều cách làm hay, sáng tạo từ cơ sở đã được ghi nhận và nhân rộng trên địa bàn.",
    "Kinh phí thực hiện được lồng ghép từ ngân sách nhà nước, vốn xã hội hóa và sự đóng góp"
    " của người dân.",
    "Sau sắp xếp, chính quyền cấp xã gần dân hơn, nhiều thủ tục được giải quyết ngay tại chỗ.",
    "{ubnd} giao {dept} chủ trì, phối hợp với các địa phương theo dõi, đôn đốc và báo cáo kết"
    " quả định kỳ hằng tháng.",
    "Cùng với đó, việc ứng dụng công nghệ thông tin giúp rút ngắn thời gian xử lý hồ sơ, giảm"
    " chi phí cho người dân và doanh nghiệp.",
    "Đây là một trong những nhiệm vụ trọng tâm được {prov} xác định ngay từ đầu năm.",
    "Nhiều ý kiến cho rằng cần có cơ chế đặc thù để thu hút doanh nghiệp đầu tư vào khu vực"
    " vùng sâu, vùng xa.",
    "Theo kế hoạch, đến năm {plan_end}, {prov} phấn đấu hoàn thành cơ bản các mục tiêu đề ra.",
    "Các đoàn kiểm tra của tỉnh thường xuyên xuống cơ sở nắm tình hình, kịp thời chấn chỉnh"
    " những tồn tại, hạn chế.",
)

LIST_INTROS: Final[tuple[str, ...]] = (
    "Thời gian tới, {dept} tập trung vào một số nhiệm vụ trọng tâm:",
    "Để đạt mục tiêu đề ra, {ubnd} yêu cầu các cơ quan, đơn vị:",
    "Kế hoạch đặt ra một số nhóm giải pháp chính:",
)

# Furniture of the news site and the portal.
NEWS_SITE_NAME: Final = "Tin Nhanh"
NEWS_SITE_TAGLINE: Final = "Báo điện tử tổng hợp (bản trình diễn của tuinews)"
PORTAL_CATEGORIES: Final[tuple[tuple[str, str], ...]] = (
    ("tin-tuc-su-kien", "Tin tức - Sự kiện"),
    ("chi-dao-dieu-hanh", "Chỉ đạo điều hành"),
    ("cong-khai-gui-nhan-van-ban", "Công khai gửi nhận văn bản"),
    ("tinh-hinh-giai-quyet-ho-so", "Tình hình giải quyết hồ sơ"),
)
WEEKDAYS: Final = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
