#include "CLuaShim.h"

int clua_gc(lua_State *L, int what, int arg) {
    return lua_gc(L, what, arg);
}

int clua_closethread(lua_State *co, lua_State *from) {
#if LUA_VERSION_RELEASE_NUM >= 50406
    return lua_closethread(co, from);
#else
    (void)from;
    return lua_resetthread(co);
#endif
}

static char clua_pending;

void *clua_pendingsentinel(void) {
    return &clua_pending;
}

/* Continuation of a host yield: the resume pushed ok, values... above base. */
static int clua_resume_k(lua_State *L, int status, lua_KContext ctx) {
    int base = (int)ctx;
    (void)status;
    if (!lua_toboolean(L, base + 1)) {
        lua_settop(L, base + 2);
        return lua_error(L);
    }
    return lua_gettop(L) - (base + 1);
}

static int clua_trampoline(lua_State *L) {
    clua_HostFn fn = (clua_HostFn)lua_touserdata(L, lua_upvalueindex(1));
    int r = fn(L);
    if (r >= 0) return r;
    if (r == CLUA_RAISE) return lua_error(L);
    int n = CLUA_YIELD_BASE - r;
    return lua_yieldk(L, n, (lua_KContext)(lua_gettop(L) - n), clua_resume_k);
}

void clua_pushhostfn(lua_State *L, clua_HostFn fn, int nup) {
    lua_pushlightuserdata(L, (void *)fn);
    lua_insert(L, -(nup + 1));
    lua_pushcclosure(L, clua_trampoline, nup + 1);
}

static int clua_tolstring_protected(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int clua_safetolstring(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, clua_tolstring_protected);
    lua_pushvalue(L, idx);
    return lua_pcall(L, 1, 1, 0);
}

void clua_traceback(lua_State *L, lua_State *co, const char *msg, int level) {
    luaL_traceback(L, co, msg, level);
}

static void clua_stop(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted!");
}

void clua_interrupt(lua_State *co) {
    lua_sethook(co, clua_stop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}
