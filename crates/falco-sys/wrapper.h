/*
 * The headers falco-sys binds: libscap's public API (scap.h) and the build
 * settings of the driver it was compiled against (driver_config.h).
 * `cargo xtask bindgen` runs the bindgen tool on this file with
 * -I/usr/include/falcosecurity-libs/userspace/libscap and
 * -I/usr/include/falcosecurity-libs/driver (Debian's libfalcosecurity0-dev).
 */
#include <scap.h>
#include <driver_config.h>
