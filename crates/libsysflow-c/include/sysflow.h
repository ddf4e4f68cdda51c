// sysflow.h: the SysFlow record types (sysflow/sysflow.hh), under the name
// the reference collector's headers include them by.
//
// Installed with the other headers in /usr/include/sysflow; consumers
// compile with -I/usr/include/sysflow.

#ifndef SYSFLOW_SYSFLOW_H
#define SYSFLOW_SYSFLOW_H

#include "sysflow/sysflow.hh"

#endif // SYSFLOW_SYSFLOW_H
