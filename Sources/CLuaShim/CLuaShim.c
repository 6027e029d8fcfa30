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


/* lua_pcall with the state's memory budget enforced, for code run on the main thread. */
int clua_pcallbudgeted(lua_State *L, int nargs, int nresults, int msgh) {
    int enforced = clua_enforcebudget(L, 1);
    int status = lua_pcall(L, nargs, nresults, msgh);
    clua_enforcebudget(L, enforced);
    return status;
}

static int clua_callchunk(lua_State *L) {
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* Calls the chunk and nargs arguments on top through a C function, as lua.c's pmain does, so
 * tracebacks and debug levels end at a C level ("[C]: in ?") as they do under lua. */
int clua_pcallmain(lua_State *L, int nargs, int msgh) {
    lua_pushcfunction(L, clua_callchunk);
    lua_insert(L, -(nargs + 2));
    return clua_pcallbudgeted(L, nargs + 1, LUA_MULTRET, msgh);
}

/* The message handler of a main-thread chunk, shaped like lua.c's: the message is the error
 * string, else what __tostring makes of the error object (with no traceback, as lua.c), else
 * "(error object is a T value)". The original object and the traceback go to the registry,
 * because the stack they describe is gone once lua_pcall returns. */
/* Whether the value at idx is an error the host raised (a Swift error as a table): those keep
 * their traceback, which points at the script's line of the call. */
static int clua_ishosterror(lua_State *L, int idx) {
    if (!lua_getmetatable(L, idx)) return 0;
    luaL_getmetatable(L, CLUA_HOST_ERROR_METATABLE);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same;
}

int clua_mainmessagehandler(lua_State *L) {
    lua_pushvalue(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, CLUA_MAIN_ERROR_KEY);
    const char *message = lua_tostring(L, 1);
    if (message == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
            if (!clua_ishosterror(L, 1)) {
                lua_pushnil(L);
                lua_setfield(L, LUA_REGISTRYINDEX, CLUA_MAIN_TRACEBACK_KEY);
                return 1;
            }
            message = lua_tostring(L, -1);
        } else {
            message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        }
    }
    luaL_traceback(L, L, NULL, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, CLUA_MAIN_TRACEBACK_KEY);
    lua_pushstring(L, message);
    return 1;
}

/* --- The coroutine library, routed ---------------------------------------------------------
 * A host function that waits inside a coroutine the script made yields the pending sentinel.
 * coroutine.resume and the functions coroutine.wrap makes see it come out of their coroutine
 * and pass the wait on: they yield the sentinel themselves when their own thread can yield (so
 * the scheduler suspends the whole task, and the result travels back in through their
 * continuations), and otherwise ask the host to wait in place. Everything else is the stock
 * library's behaviour: the same results, the same messages. The waiting coroutine keeps the
 * sentinel on top of its stack while it waits, which is how a resume from elsewhere is refused. */

int clua_iswaiting(lua_State *co) {
    return lua_status(co) == LUA_YIELD && lua_gettop(co) > 0 && lua_type(co, -1) == LUA_TLIGHTUSERDATA
        && lua_touserdata(co, -1) == &clua_pending;
}

static clua_WaitHook clua_hookof(lua_State *L, int upvalue) {
    return (clua_WaitHook)lua_touserdata(L, lua_upvalueindex(upvalue));
}

/* Runs co until it returns, yields a value of its own or fails, passing waits on. Leaves what
 * lcorolib's auxresume leaves: the results (returns their count) or the error (returns -1).
 * `base` is L's stack top below any arguments already moved; `context` says which function
 * this is for the continuation (0 resume, 1 wrap). */
static int clua_drive_k(lua_State *L, int status, lua_KContext context);

static int clua_drive(lua_State *L, lua_State *co, int nargs, int hookupvalue, lua_KContext context, int *outcome) {
    for (;;) {
        int nresults = 0;
        int status = lua_resume(co, L, nargs, &nresults);
        if (status == LUA_YIELD && nresults == 1 && clua_iswaiting(co)) {
            clua_WaitHook hook = clua_hookof(L, hookupvalue);
            if (lua_isyieldable(L)) {
                hook(L, co, CLUA_WAIT_PASSED);
                lua_pushlightuserdata(L, &clua_pending);
                /* the continuation finds the delivered values above L's top here */
                return lua_yieldk(L, 1, (context << 16) | lua_gettop(L) - 1, clua_drive_k);
            }
            nargs = hook(L, co, CLUA_WAIT_IN_PLACE);
            continue;
        }
        if (status == LUA_OK || status == LUA_YIELD) {
            if (!lua_checkstack(L, nresults + 1)) {
                lua_pop(co, nresults);
                lua_pushliteral(L, "too many results to resume");
                *outcome = -1;
                return 0;
            }
            lua_xmove(co, L, nresults);
            *outcome = nresults;
            return 0;
        }
        lua_xmove(co, L, 1);
        *outcome = -1;
        return 0;
    }
}

static int clua_finishresume(lua_State *L, int outcome) {
    if (outcome < 0) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -(outcome + 1));
    return outcome + 1;
}

static int clua_finishwrap(lua_State *L, lua_State *co, int outcome) {
    if (outcome >= 0) return outcome;
    int status = lua_status(co);
    if (status != LUA_OK && status != LUA_YIELD) {
        status = clua_closethread(co, L);
        lua_xmove(co, L, 1);
    }
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* Moves nargs values from L to co, as auxresume does; 0 when co's stack cannot take them. */
static int clua_movearguments(lua_State *L, lua_State *co, int nargs) {
    if (!lua_checkstack(co, nargs)) {
        lua_pushliteral(L, "too many arguments to resume");
        return 0;
    }
    lua_xmove(L, co, nargs);
    return 1;
}

static int clua_drive_k(lua_State *L, int status, lua_KContext context) {
    (void)status;
    int wrap = (int)(context >> 16);
    int base = (int)(context & 0xffff);
    lua_State *co = wrap ? lua_tothread(L, lua_upvalueindex(1)) : lua_tothread(L, 1);
    int delivered = lua_gettop(L) - base;
    int outcome = -1;
    lua_settop(co, -2); /* the sentinel */
    if (clua_movearguments(L, co, delivered)) clua_drive(L, co, delivered, wrap ? 2 : 1, context, &outcome);
    return wrap ? clua_finishwrap(L, co, outcome) : clua_finishresume(L, outcome);
}

static lua_State *clua_checkcoroutine(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "coroutine");
    return co;
}

static int clua_refusewaiting(lua_State *L) {
    lua_pushliteral(L, "cannot resume a coroutine that is waiting for a host call to finish");
    return -1;
}

/* coroutine.resume; upvalue 1 is the host's wait hook. */
static int clua_routedresume(lua_State *L) {
    lua_State *co = clua_checkcoroutine(L);
    int nargs = lua_gettop(L) - 1;
    int outcome = -1;
    if (clua_iswaiting(co)) {
        lua_settop(L, 1);
        outcome = clua_refusewaiting(L);
    } else if (clua_movearguments(L, co, nargs)) {
        clua_drive(L, co, nargs, 1, 0, &outcome);
    }
    return clua_finishresume(L, outcome);
}

/* A function made by coroutine.wrap; upvalue 1 is its coroutine, 2 the wait hook. */
static int clua_routedwrapped(lua_State *L) {
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int nargs = lua_gettop(L);
    int outcome = -1;
    if (clua_iswaiting(co)) {
        lua_settop(L, 0);
        outcome = clua_refusewaiting(L);
    } else if (clua_movearguments(L, co, nargs)) {
        clua_drive(L, co, nargs, 2, 1, &outcome);
    }
    return clua_finishwrap(L, co, outcome);
}

/* coroutine.wrap; upvalue 1 is the wait hook. */
static int clua_routedwrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, clua_routedwrapped, 2);
    return 1;
}

/* coroutine.close; upvalue 1 is the stock close, 2 the wait hook. A coroutine that waits for a
 * host call has the call cancelled first; then it is closed as the stock library closes it. */
static int clua_routedclose(lua_State *L) {
    lua_State *co = clua_checkcoroutine(L);
    if (clua_iswaiting(co)) clua_hookof(L, 2)(L, co, CLUA_WAIT_CANCEL);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

int clua_routecoroutines(lua_State *L, clua_WaitHook hook) {
    if (lua_getglobal(L, "coroutine") != LUA_TTABLE) {
        lua_pop(L, 1);
        return 0;
    }
    lua_pushlightuserdata(L, (void *)hook);
    lua_pushcclosure(L, clua_routedresume, 1);
    lua_setfield(L, -2, "resume");
    lua_pushlightuserdata(L, (void *)hook);
    lua_pushcclosure(L, clua_routedwrap, 1);
    lua_setfield(L, -2, "wrap");
    lua_getfield(L, -1, "close");
    lua_pushlightuserdata(L, (void *)hook);
    lua_pushcclosure(L, clua_routedclose, 2);
    lua_setfield(L, -2, "close");
    lua_pop(L, 1);
    return 1;
}
