// glibc's malloc tuning (mallopt and its parameters), which Swift's Glibc module leaves out.
#include <malloc.h>
