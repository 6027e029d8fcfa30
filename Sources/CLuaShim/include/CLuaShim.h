#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* Lua's API macros as real functions, because Swift cannot import function-like macros. */
static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void clua_newtable(lua_State *L) { lua_newtable(L); }
static inline int clua_pcall(lua_State *L, int nargs, int nresults, int msgh) { return lua_pcall(L, nargs, nresults, msgh); }
static inline const char *clua_tostring(lua_State *L, int i) { return lua_tostring(L, i); }
static inline int clua_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }
static inline void clua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline void *clua_getextraspace(lua_State *L) { return lua_getextraspace(L); }
static inline int clua_loadbuffer(lua_State *L, const char *buf, size_t size, const char *name, const char *mode) {
    return luaL_loadbufferx(L, buf, size, name, mode);
}
static inline const char *clua_copyright(void) { return LUA_COPYRIGHT; }
static inline long long clua_mininteger(void) { return LUA_MININTEGER; }

/* lua_gc is variadic, so Swift cannot call it. */
int clua_gc(lua_State *L, int what, int arg);

/* Closes a finished or failed coroutine: lua_closethread from 5.4.6 on, lua_resetthread before. */
int clua_closethread(lua_State *co, lua_State *from);

/*
 * Host functions. A Swift function never raises or yields itself, because lua_error and
 * lua_yieldk long-jump over its frames. It returns a code and the C trampoline acts on it:
 *   n >= 0                 return n results
 *   CLUA_RAISE             raise the error value on top of the stack
 *   CLUA_YIELD_BASE - n    yield the n values on top; when the coroutine is resumed with
 *                          (ok, values...), return the values, or raise values[1] if !ok
 */
#define CLUA_RAISE (-1)
#define CLUA_YIELD_BASE (-2)
typedef int (*clua_HostFn)(lua_State *L);

/* The light userdata a host function yields to tell the scheduler "waiting for Swift". */
void *clua_pendingsentinel(void);

/* Pushes a closure that calls fn; the nup values on top become upvalues 2...nup+1. */
void clua_pushhostfn(lua_State *L, clua_HostFn fn, int nup);

/* luaL_tolstring under lua_pcall, since __tostring may raise: pushes the text, or the error. */
int clua_safetolstring(lua_State *L, int idx);

/* luaL_traceback of co pushed onto L, under lua_pcall: when memory runs out, the error pushed instead. */
void clua_traceback(lua_State *L, lua_State *co, const char *msg, int level);

/* Makes the running coroutine raise "interrupted!" at its next instruction, as lua.c does on
 * Ctrl-C; lua_sethook is the one call Lua allows from outside the thread that runs it. */
void clua_interrupt(lua_State *co);

/* As clua_interrupt, but the hook stays: the coroutine raises again at every instruction, so a
 * pcall that catches the error cannot keep it running. */
void clua_halt(lua_State *co);

/* Gives L a memory budget of `limit` bytes, counting what it holds already (its allocator uses
 * realloc and free, as luaL_newstate's does). Lua code run by clua_resume is held to it; the
 * host's pushes are not, since they cannot take an error. Returns 0 when the budget cannot be made. */
int clua_limitmemory(lua_State *L, size_t limit);

/* lua_resume with the state's memory budget enforced, as it is whenever Lua code runs. */
int clua_resume(lua_State *L, lua_State *from, int nargs, int *nresults);

/* lua_close, then frees the budget clua_limitmemory gave the state, if any. */
void clua_close(lua_State *L);

/* lua_pcall with the state's memory budget enforced, for code run on the main thread. */
int clua_pcallbudgeted(lua_State *L, int nargs, int nresults, int msgh);

/* Runs the chunk and its nargs arguments on top under lua_pcall (budget enforced, handler
 * msgh) from inside a C function, as lua.c does; the results replace them. */
int clua_pcallmain(lua_State *L, int nargs, int msgh);

/* The message handler for a chunk run on the main thread: returns lua.c's message (the
 * string, __tostring's text, or "(error object is a T value)"; errors the host raised are
 * tables whose metatable is CLUA_HOST_ERROR_METATABLE, and keep their traceback) and leaves the error object and
 * the traceback text (nil after __tostring, as lua.c prints none) in these registry fields. */
#define CLUA_HOST_ERROR_METATABLE "LuaBridge.error"
#define CLUA_MAIN_ERROR_KEY "LuaBridge.main.error"
#define CLUA_MAIN_TRACEBACK_KEY "LuaBridge.main.traceback"
int clua_mainmessagehandler(lua_State *L);

/*
 * What the routed coroutine library asks the host about co, a coroutine that waits for a host
 * call (it yielded the pending sentinel, which stays on top of its stack while it waits):
 *   CLUA_WAIT_PASSED     the wait is being passed on by yielding L (the host notes co waits too)
 *   CLUA_WAIT_IN_PLACE   L cannot yield: wait here; pop the sentinel from co, push ok, values...
 *                        (or false, error) onto co and return how many were pushed
 *   CLUA_WAIT_CANCEL     co is being closed: cancel the call it waits for
 */
#define CLUA_WAIT_PASSED 0
#define CLUA_WAIT_IN_PLACE 1
#define CLUA_WAIT_CANCEL 2
typedef int (*clua_WaitHook)(lua_State *L, lua_State *co, int request);

/* Replaces coroutine.resume, coroutine.wrap and coroutine.close with versions that pass waits
 * on (see CLuaShim.c); 0 when the state has no coroutine library. */
int clua_routecoroutines(lua_State *L, clua_WaitHook hook);

/* Whether co waits for a host call: suspended with the pending sentinel on top. */
int clua_iswaiting(lua_State *co);

#endif
