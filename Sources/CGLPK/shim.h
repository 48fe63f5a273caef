#ifndef MECHSIM_CGLPK_SHIM_H
#define MECHSIM_CGLPK_SHIM_H
// GLPK's public header. Debian's libglpk-dev ships no pkg-config file, so the module map links
// "glpk" by name. Only Sources/Solvers/GLPK/ imports this module.
#include <glpk.h>
#endif
