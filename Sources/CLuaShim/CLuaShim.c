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

static int clua_enforcebudget(lua_State *L, int enforced);

static int clua_trampoline(lua_State *L) {
    clua_HostFn fn = (clua_HostFn)lua_touserdata(L, lua_upvalueindex(1));
    int enforced = clua_enforcebudget(L, 0);
    int r = fn(L);
    clua_enforcebudget(L, enforced);
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

/* A __tostring is the script's code, and runs protected here, so its allocations count. */
int clua_safetolstring(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, clua_tolstring_protected);
    lua_pushvalue(L, idx);
    int enforced = clua_enforcebudget(L, 1);
    int status = lua_pcall(L, 1, 1, 0);
    clua_enforcebudget(L, enforced);
    return status;
}

static int clua_traceback_protected(lua_State *L) {
    luaL_traceback(L, (lua_State *)lua_touserdata(L, 1), (const char *)lua_touserdata(L, 2), (int)lua_tointeger(L, 3));
    return 1;
}

/* Protected, because building the text allocates: a task that failed for lack of memory still
 * holds what it allocated on its stack, and an unprotected failure here would abort the process.
 * Then the error value (Lua's preallocated "not enough memory") stands in for the traceback. */
void clua_traceback(lua_State *L, lua_State *co, const char *msg, int level) {
    lua_pushcfunction(L, clua_traceback_protected);
    lua_pushlightuserdata(L, co);
    lua_pushlightuserdata(L, (void *)msg);
    lua_pushinteger(L, level);
    lua_pcall(L, 3, 1, 0);
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
 * collection), where pcall can catch it. Frees and shrinks always succeed.
 *
 * The budget is enforced only while Lua code runs (inside clua_resume, outside host functions).
 * The host's own pushes (a task's arguments, a call's results, an error value) happen where no
 * Lua error may be raised, so a refusal there would abort the process; they are let through, past
 * the limit if need be, and the Lua code that allocates next is refused instead. */
typedef struct {
    size_t used;
    size_t limit;
    int enforced;
} clua_budget;

static void *clua_budgeted_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_budget *budget = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        budget->used -= old;
        return NULL;
    }
    if (budget->enforced && nsize > old && budget->used - old + nsize > budget->limit) return NULL;
    void *block = realloc(ptr, nsize);
    if (block) budget->used = budget->used - old + nsize;
    return block;
}

int clua_limitmemory(lua_State *L, size_t limit) {
    clua_budget *budget = malloc(sizeof *budget);
    if (!budget) return 0;
    budget->used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
    budget->limit = limit;
    budget->enforced = 0;
    lua_setallocf(L, clua_budgeted_alloc, budget);
    return 1;
}

/* Turns L's budget on or off and returns the previous setting; 0 for a state without a budget. */
static int clua_enforcebudget(lua_State *L, int enforced) {
    void *ud = NULL;
    if (lua_getallocf(L, &ud) != clua_budgeted_alloc) return 0;
    clua_budget *budget = ud;
    int previous = budget->enforced;
    budget->enforced = enforced;
    return previous;
}

int clua_resume(lua_State *L, lua_State *from, int nargs, int *nresults) {
    int enforced = clua_enforcebudget(L, 1);
    int status = lua_resume(L, from, nargs, nresults);
    clua_enforcebudget(L, enforced);
    return status;
}

void clua_close(lua_State *L) {
    void *ud = NULL;
    lua_Alloc alloc = lua_getallocf(L, &ud);
    lua_close(L);
    if (alloc == clua_budgeted_alloc) free(ud);
}

