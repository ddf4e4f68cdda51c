// sysflowexception.h: what libsysflow's C++ API throws, declared as the
// reference collector declares it: SysFlowDriver's constructor and run()
// throw a sfexception::SysFlowException, whose what() says what failed and
// whose getErrorCode() classifies it.

#ifndef SYSFLOW_SYSFLOWEXCEPTION_H
#define SYSFLOW_SYSFLOWEXCEPTION_H

#include <stdexcept>
#include <string>
#include <utility>

namespace sfexception {

// The error codes: the reference's, in its order (so with its numbers), then
// ours. libsysflow's ErrorCode (crates/libsysflow/src/error.rs, and
// docs/errors.md) is this list, and libsysflow-c's tests check that they
// agree.
enum SysFlowError {
  // The capture library failed: the catch-all.
  LibsError = 0,
  // The driver or probe cannot be accessed (permissions).
  ProbeAccessDenied = 1,
  // The eBPF probe file does not exist.
  ProbeNotExist = 2,
  // Reading or writing the file system failed (an output, a capture file).
  ErrorReadingFileSystem = 3,
  // A name is too long (the socket path).
  NameTooLong = 4,
  // The probe check failed otherwise.
  ProbeCheckError = 5,
  // The kernel module is not loaded.
  ProbeNotLoaded = 6,
  // The driver's API version does not match the library's.
  DriverLibsMismatch = 7,
  // The event stream could not be parsed (a capture file that is not one).
  EventParsingError = 8,
  // A /proc resource was not found.
  ProcResourceNotFound = 9,
  // The operation or configuration is not supported.
  OperationNotSupported = 10,
  // Not the reference's: an output failed, or could not deliver every
  // record, while the run went on to its end; the other outputs are
  // complete. The reference stops at the first output error.
  OutputIncomplete = 11
};

class SysFlowException : public std::runtime_error {
public:
  SysFlowException(std::string message, SysFlowError code)
      : std::runtime_error(message), m_code(code) {}

  // The reference's one-argument form works out the code from libscap's
  // error text; there is no libscap error text here, so it is the
  // catch-all.
  SysFlowException(std::string message)
      : SysFlowException(std::move(message), LibsError) {}

  // const, unlike the reference's; callable on either.
  SysFlowError getErrorCode() const { return m_code; }

private:
  SysFlowError m_code;
};

} // namespace sfexception

#endif // SYSFLOW_SYSFLOWEXCEPTION_H
