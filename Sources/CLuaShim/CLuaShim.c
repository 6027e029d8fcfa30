#include "CLuaShim.h"

#include <stdlib.h>

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

static void clua_stop_again(lua_State *L, lua_Debug *ar) {
    (void)ar;
    luaL_error(L, "interrupted!");
}

void clua_halt(lua_State *co) {
    lua_sethook(co, clua_stop_again, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* The allocator of a state with a memory budget: an allocation that would take the state past
 * its limit fails, and Lua raises "not enough memory" in the code that asked (after one full
 * collection), where pcall can catch it. Frees and shrinks always succeed. */
typedef struct {
    size_t used;
    size_t limit;
} clua_budget;

static void *clua_budgeted_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_budget *budget = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        budget->used -= old;
        return NULL;
    }
    if (nsize > old && budget->used - old + nsize > budget->limit) return NULL;
    void *block = realloc(ptr, nsize);
    if (block) budget->used = budget->used - old + nsize;
    return block;
}

int clua_limitmemory(lua_State *L, size_t limit) {
    clua_budget *budget = malloc(sizeof *budget);
    if (!budget) return 0;
    budget->used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
    budget->limit = limit;
    lua_setallocf(L, clua_budgeted_alloc, budget);
    return 1;
}

void clua_close(lua_State *L) {
    void *ud = NULL;
    lua_Alloc alloc = lua_getallocf(L, &ud);
    lua_close(L);
    if (alloc == clua_budgeted_alloc) free(ud);
}

