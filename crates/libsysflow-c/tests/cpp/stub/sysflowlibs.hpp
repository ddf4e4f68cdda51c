// A stand-in for libsysflow-c's sysflowlibs.hpp, for compiling
// consumer.cpp only (nothing links against it): the reference collector's
// C++ API as its sysflowlibs.hpp declares it, over our sfconfig.h and
// sysflowexception.h.
//
// Like the reference's, it must make printf, exit and strcmp available,
// since the reference's example consumer uses them without including
// anything for them: the C headers, which declare them in the global
// namespace (<cstdio> and friends need only declare std::printf).

#ifndef SYSFLOW_TEST_STUB_SYSFLOWLIBS_HPP
#define SYSFLOW_TEST_STUB_SYSFLOWLIBS_HPP

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include "sfconfig.h"
#include "sysflowexception.h"

namespace sysflowlibscpp {

SysFlowConfig *InitializeSysFlowConfig();

class SysFlowDriver {
public:
  explicit SysFlowDriver(SysFlowConfig *conf);
  virtual ~SysFlowDriver();
  void exit();
  int run();
  std::string getVersion();
};

} // namespace sysflowlibscpp

#endif // SYSFLOW_TEST_STUB_SYSFLOWLIBS_HPP
