//! The material of the generated desk: invented shows, people (Korean names in Hangul and
//! romanised, with the spelling variants the name check looks for), outlets, networks, places
//! and topics. All of it is fiction written for Factdesk.

/// People in the claims and bylines, romanised; the same index in [`HANGUL`] is the same person.
pub const ROMANISED: &[&str] = &[
    "Jung Tae-oh",
    "Kim Min-ji",
    "Park Seo-yun",
    "Lee Ha-neul",
    "Choi Woo-jin",
    "Han Ye-seul",
    "Oh Ji-min",
    "Min Ha-eun",
    "Yoon Do-hyun",
    "Kang Soo-ah",
    "Seo Ji-hoon",
    "Shin Hye-rin",
    "Bae Joon-ho",
    "Lim Da-eun",
    "Song Min-jae",
    "Jang Yeon-woo",
    "Kwon Na-ra",
    "Hwang In-sung",
    "Moon Chae-won",
    "Go Eun-bi",
];

pub const HANGUL: &[&str] = &[
    "정태오",
    "김민지",
    "박서윤",
    "이하늘",
    "최우진",
    "한예슬",
    "오지민",
    "민하은",
    "윤도현",
    "강수아",
    "서지훈",
    "신혜린",
    "배준호",
    "임다은",
    "송민재",
    "장연우",
    "권나라",
    "황인성",
    "문채원",
    "고은비",
];

/// Other spellings of the first people of [`ROMANISED`], as careless copy writes them: the name
/// check should pair each with its usual spelling.
pub const VARIANTS: &[&str] = &[
    "Jeong Tae-oh",
    "Gim Min-ji",
    "Pak Seo-yun",
    "Yi Ha-neul",
    "Choe Woo-jin",
    "Han Ye-sul",
    "O Ji-min",
    "Min Haeun",
    "Yun Do-hyun",
    "Gang Soo-ah",
];

/// Bylines that are not Korean.
pub const WRITERS: &[&str] = &[
    "Dana Whitlock",
    "Marcus Bell",
    "Priya Natarajan",
    "Tom Alder",
    "Lucia Ferreira",
    "Hannah Cole",
    "Owen Price",
    "Mei Tanaka",
];

/// Show titles are "The {first} {second}": 400 of them.
pub const SHOW_FIRST: &[&str] = &[
    "Salt", "Harbour", "Moonlit", "Ninth", "Silent", "Crimson", "Paper", "Winter", "Glass", "Iron",
    "Hidden", "Last", "Golden", "Midnight", "Distant", "Quiet", "Burning", "Northern", "Velvet",
    "Broken",
];
pub const SHOW_SECOND: &[&str] = &[
    "Road",
    "Lights",
    "Ledger",
    "Garden",
    "Station",
    "Letters",
    "Tide",
    "Orchard",
    "Bridge",
    "Kitchen",
    "Courtroom",
    "Summer",
    "Signal",
    "Village",
    "Archive",
    "Frontier",
    "Melody",
    "Promise",
    "Hotel",
    "Island",
];

pub const NETWORKS: &[&str] = &[
    "Streamline",
    "KBC",
    "Seoul One",
    "Hanbit TV",
    "Northlight",
    "Pacific Stream",
    "Channel 9",
    "MBS Drama",
];

/// Outlets are "{city} {paper}" (200 of them) and, for Korean-language sources, [`KOREAN_OUTLETS`].
pub const CITIES: &[&str] = &[
    "Seoul",
    "Busan",
    "Incheon",
    "Daegu",
    "London",
    "Toronto",
    "Sydney",
    "Manila",
    "Singapore",
    "Los Angeles",
];
pub const PAPERS: &[&str] = &[
    "Daily",
    "Herald",
    "Screen",
    "Times",
    "Weekly",
    "Post",
    "Review",
    "Report",
    "Digest",
    "Wire",
    "Tribune",
    "Observer",
    "Gazette",
    "Bulletin",
    "Journal",
    "Monitor",
    "Chronicle",
    "Dispatch",
    "Courier",
    "Ledger",
];
pub const KOREAN_OUTLETS: &[&str] = &[
    "한빛일보",
    "서울연예신문",
    "부산스크린",
    "문화방송뉴스",
    "스타데일리",
];

pub const PLACES: &[&str] = &[
    "Jeju",
    "Busan",
    "Gangneung",
    "Jeonju",
    "Seoul",
    "Sokcho",
    "Tongyeong",
    "Andong",
];

pub const ROLES: &[&str] = &[
    "the lead",
    "a detective",
    "the villain",
    "a young prosecutor",
    "the narrator",
    "a chef",
    "the heir",
    "a retired boxer",
];

pub const CATEGORIES: &[&str] = &[
    "Drama",
    "Actor",
    "Actress",
    "Director",
    "Screenplay",
    "New Actor",
];

pub const AWARDS: &[&str] = &[
    "Baeksang",
    "Blue Dragon Series",
    "Seoul Drama",
    "Asia Screen",
];

pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Claim topics, in the order the desk stores them (sorted).
pub const TOPICS: &[&str] = &[
    "awards",
    "casting",
    "direction",
    "episodes",
    "filming",
    "korean-drama",
    "ratings",
    "release-date",
    "renewal",
    "streaming",
];

/// Words for quotes and the draft's prose around the claims.
pub const PROSE: &[&str] = &[
    "the",
    "season",
    "cast",
    "returns",
    "filming",
    "studio",
    "writers",
    "episode",
    "premiere",
    "director",
    "said",
    "winter",
    "story",
    "network",
    "ratings",
    "viewers",
    "trailer",
    "script",
    "new",
    "characters",
    "finale",
    "producers",
    "release",
    "date",
    "summer",
    "plans",
    "team",
    "according",
    "to",
    "people",
    "close",
    "production",
    "schedule",
    "after",
    "first",
    "reading",
];
