//! Every limit that keeps a stranger on the shop's Wi-Fi from exhausting the Pi, in one place,
//! each with the reason for its value. The Pi 3 has 1 GB for this server and Chromium together.

use std::time::Duration;

// ---- Connections (src/server.rs) ----

/// A client must finish sending its request line and headers within this time, or the
/// connection is closed. hyper starts the same timer when a kept-alive connection waits for its
/// next request, so this is also the keep-alive idle timeout: an idle socket costs a descriptor.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest silence between two pieces of a request body (a phone on weak Wi-Fi still sends
/// something every few seconds; a body that stalls longer is an attack or a dead client).
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest a request may take from its headers to its answer, body included: a 15 MB photo
/// over slow shop Wi-Fi fits; a body sent one byte at a time does not hold a slot forever.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Request line plus headers, at most: browsers send 1–2 KiB to this site (a session and a
/// language cookie). hyper keeps a read buffer of up to this size per connection, beside an
/// 8 KiB one for writing, so it bounds what 1000 half-sent headers cost; 8 KiB is hyper's
/// floor and nginx's limit for one header line.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;
/// Connections served at once from the network. A Chromium opens ~6 per site; a shop has a
/// handful of laptops and screens. Lowered at start if the descriptor limit is too small.
pub const MAX_CONNECTIONS: usize = 512;
/// Connections from one address at once: one laptop cannot take every slot for itself.
pub const MAX_CONNECTIONS_PER_PEER: usize = 64;
/// Extra slots that only this machine (127.0.0.1, ::1) may use, whoever holds the others:
/// the kiosk's own browser and the systemd watchdog's health check always get through.
pub const LOCAL_RESERVE: usize = 32;
/// How long a response may wait for a client that stopped reading it (a slow-reading `/guide`
/// or `/media` would otherwise hold its slot and its buffers for as long as it likes). A phone
/// on weak Wi-Fi still takes a few kilobytes every second.
pub const WRITE_STALL: Duration = Duration::from_secs(20);
/// Live event streams (`/events`) from one address (an IPv6 /64) at once: a screen needs one,
/// a browser with the display open in a few tabs a few more. Beyond this, 429.
pub const EVENT_STREAMS_PER_PEER: usize = 4;
/// Live event streams from the network at once, well under [`MAX_CONNECTIONS`]: streams never
/// end by themselves, so they must not be able to take the slots the admin area needs. The
/// kiosk's own stream (this machine) is not counted.
pub const EVENT_STREAMS: usize = 64;
/// Descriptors kept free for files (content, history, pictures, secrets) and the journal.
pub const FILE_DESCRIPTOR_RESERVE: usize = 128;
/// Pause after `accept` fails (e.g. out of descriptors), so the loop does not spin.
pub const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);
/// How long a stopping server waits for open requests before it exits anyway.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

// ---- Request bodies ----

/// Login, setup, logout, password and token forms: a name, a password of at most 200
/// characters, a code, a token label. Refused from `Content-Length` before anything is read.
pub const AUTH_FORM_BODY: usize = 4 * 1024;
/// Bodies over [`AUTH_FORM_BODY`] being read at once, from the whole network: each may hold
/// up to its route's limit (the API's document, 1 MiB) in memory until it is parsed, so this
/// bounds what saves cost together (8 MiB) whoever sends them. Beyond it, 503 and Retry-After.
pub const BODIES_READ: usize = 8;
/// The same from one address (an IPv6 /64): one laptop or script saves one thing at a time.
pub const BODIES_READ_PER_PEER: usize = 2;
/// Every other body unless its route says otherwise: admin text forms (an announcement of
/// 400 characters, the groups list) stay far below.
pub const DEFAULT_BODY: usize = 256 * 1024;
/// The heaviest content file the history page imports (src/admin/history/transfer.rs); a real
/// one is a few tens of kilobytes.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

// ---- Password hashing (src/auth/password.rs) ----

/// Threads that run argon2: each needs 19 MiB while it hashes, and a Pi 3 has four slow
/// cores that the display also needs.
pub const HASH_THREADS: usize = 1;
/// Hashes waiting for a thread; beyond this a burst of logins is told to retry (503).
pub const HASH_QUEUE: usize = 8;
/// A hashing thread keeps its 19 MiB between hashes for this long, then gives it back.
pub const HASH_MEMORY_KEEP: Duration = Duration::from_secs(2);

// ---- Login throttling (src/auth/throttle.rs) ----

/// Wrong passwords or setup codes per address (per IPv6 /128) within the window.
pub const LOGIN_FAILURES: u32 = 5;
/// Wrong attempts per IPv6 /64 within the window: a host can take many addresses of its /64,
/// but one attacker's five failures must not lock every other IPv6 admin of the LAN out.
pub const LOGIN_FAILURES_PER_PREFIX: u32 = 50;
/// Wrong passwords checked against one account within the window, from every address
/// together: 40 machines of the Wi-Fi guessing at `admin` get 10 tries between them, not 200.
/// Its owner is told on the login page to wait or to ask an admin for a new code (which clears
/// it).
pub const LOGIN_FAILURES_PER_ACCOUNT: u32 = 10;
/// How long failures are remembered.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Addresses remembered at most, so a flood of addresses cannot exhaust memory.
pub const THROTTLE_ADDRESSES: usize = 10_000;

// ---- Sessions (src/auth/session.rs) ----

/// Sessions of one account at once (a laptop, a phone, a few browsers): a new login beyond
/// this ends that account's least recently used session, never another account's.
pub const SESSIONS_PER_ACCOUNT: usize = 10;
/// Sessions at once: every account may hold its share, so one account's logins can never push
/// out another's (about 200 bytes each).
pub const MAX_SESSIONS: usize = crate::store::MAX_ACCOUNTS * SESSIONS_PER_ACCOUNT;

// ---- Pictures (src/admin/upload.rs, src/media_image.rs) ----

/// The heaviest picture file accepted: a 12 MP phone photo is 3–12 MB.
pub const MAX_IMAGE_BYTES: usize = 16 * 1024 * 1024;
/// The largest picture decoded, in pixels (a 48 MP phone's full size is refused: ~190 MB
/// decoded; 12 MP is 48 MB once decoded, freed as soon as it is shrunk).
pub const MAX_IMAGE_PIXELS: u64 = 24_000_000;
/// The largest picture, in pixels, of a kind that must be decoded whole before it can be
/// shrunk: a WebP, a progressive JPEG and an interlaced PNG. The worst of them, a progressive
/// JPEG with full colour (every coefficient held until its last scan, the colour planes and the
/// pixels at once: about 12.5 bytes a pixel, and the file beside them), peaked at 56 MB for the
/// whole of a small program at 2560×1440 with an 11 MB file of noise (a WebP with transparency
/// at 2560×1600: 46 MB). 3.7 MP (2560×1440 passes) keeps storing one under 64 MB of the
/// server's RSS; a bigger one is refused with its size and what to do (shrink it, or save it as
/// an ordinary JPEG). A baseline JPEG, what phones take, is decoded at a reduced scale, and a
/// plain PNG row by row: they keep the larger budget above.
pub const MAX_WHOLE_DECODE_PIXELS: u64 = 3_700_000;
/// Memory the PNG decoder may take for its own tables and chunks while it reads a picture row
/// by row (a compressed ICC profile that claims gigabytes is refused here).
pub const PNG_DECODER_MEMORY: usize = 16 * 1024 * 1024;
/// The longest side of a stored picture: the screen is 1920×1080; any more only costs the
/// kiosk's Chromium memory (4 bytes per pixel once decoded).
pub const STORED_IMAGE_SIDE: u32 = 1920;
/// The longest sides of the smaller copies of a stored picture, for screens whose short side is
/// under the next size (1280×720 gets the 720 copy, 1920×1080 and 1080×1920 the 1080 one), so
/// that Chromium never decodes a picture bigger than its screen. Made on first request, at most
/// one file per size and picture, removed with the picture.
pub const SCREEN_IMAGE_SIDES: [u32; 2] = [720, 1080];
/// Pictures decoded at once (a decoded 12 MP photo is ~48 MB).
pub const IMAGE_DECODES: usize = 1;
/// Upload requests read at once: each may hold a picture of [`MAX_IMAGE_BYTES`] in memory.
pub const CONCURRENT_UPLOADS: usize = 2;
/// The body an upload route reads at most: the picture and its form around it.
pub const MAX_UPLOAD_BODY: usize = MAX_IMAGE_BYTES + 256 * 1024;
/// A picture of the real screen, as the kiosk sends it over loopback (`grim`'s PNG at half the
/// screen's size is 0.1–1 MB; a 4K screen's photo slide at most about 3 MB).
pub const SCREEN_PICTURE_BYTES: usize = 4 * 1024 * 1024;
/// The longest side of the one picture of the screen kept, in memory, for the dashboard:
/// about 480 px wide, readable on a phone, ~30–60 KB as a JPEG.
pub const SCREEN_PICTURE_SIDE: u32 = 480;
/// Fields of a multipart form: our forms have fewer than 20.
pub const MAX_FORM_FIELDS: usize = 64;
/// Text of all the fields of a multipart form together (the import form's content file is
/// a field of its own and has its own limit).
pub const MAX_FORM_TEXT: usize = 256 * 1024;

// ---- Display ----

/// QR code PNGs kept: one per revision, and only the current one is ever asked for.
pub const QR_PNG_CACHED: usize = 1;
