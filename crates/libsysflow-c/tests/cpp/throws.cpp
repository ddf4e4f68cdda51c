// A callback that throws on its third record: run() must end with a
// SysFlowException (code LibsError) that carries the callback's exception
// nested, after the library closed its outputs; nothing unwinds through
// the library. Prints what it saw; tests/examples.rs checks it.
//
// usage: throws FILE.scap OUT.sf

#include "sysflowlibs.hpp"

#include <stdexcept>

namespace {
struct Mine : std::runtime_error {
  Mine() : std::runtime_error("third record refused") {}
};
} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    return 2;
  }
  SysFlowConfig *config = sysflowlibscpp::InitializeSysFlowConfig();
  config->scapInputPath = argv[1];
  config->filePath = argv[2];
  int seen = 0;
  config->callback = [&seen](sysflow::SFHeader *, sysflow::Container *, sysflow::Process *,
                             sysflow::File *, sysflow::File *, sysflow::SysFlow *) {
    if (++seen == 3) {
      throw Mine();
    }
  };
  sysflowlibscpp::SysFlowDriver driver(config);
  delete config;
  try {
    driver.run();
    printf("run returned\n");
    return 1;
  } catch (sfexception::SysFlowException &e) {
    printf("SysFlowException code=%d seen=%d: %s\n", static_cast<int>(e.getErrorCode()), seen,
           e.what());
    try {
      std::rethrow_if_nested(e);
      printf("nothing nested\n");
    } catch (const Mine &m) {
      printf("nested: %s\n", m.what());
    }
  }
  // A bad configuration throws from the constructor with the reference's code.
  SysFlowConfig *bad = sysflowlibscpp::InitializeSysFlowConfig();
  bad->scapInputPath = "/nonexistent/trace.scap";
  bad->filePath = argv[2];
  try {
    sysflowlibscpp::SysFlowDriver never(bad);
    printf("constructed\n");
  } catch (sfexception::SysFlowException &e) {
    printf("constructor: code=%d\n", static_cast<int>(e.getErrorCode()));
  }
  bad->scapInputPath = "";
  bad->driverType = static_cast<DriverType>(7);
  try {
    sysflowlibscpp::SysFlowDriver never(bad);
    printf("constructed\n");
  } catch (sfexception::SysFlowException &e) {
    printf("unknown driver type: code=%d\n", static_cast<int>(e.getErrorCode()));
  }
  delete bad;
  // A value-initialised configuration, as a consumer may write it instead
  // of calling InitializeSysFlowConfig: its EBPF driver type and zero
  // sampling ratio mean nothing to a capture file, as in the reference.
  SysFlowConfig plain{};
  plain.scapInputPath = argv[1];
  plain.filePath = argv[2];
  try {
    sysflowlibscpp::SysFlowDriver offline(&plain);
    printf("value-initialised: run %d\n", offline.run());
  } catch (sfexception::SysFlowException &e) {
    printf("value-initialised: code=%d: %s\n", static_cast<int>(e.getErrorCode()), e.what());
  }
  return 0;
}
