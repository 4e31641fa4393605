// QuickFIX C++ initiator used as a real counterparty for execdrill's FIX engine (see interop/README.md).
//
// It logs on to the engine (acceptor VENUE, this side CLIENT), sends NewOrderSingles, expects an
// ExecutionReport fill per order, opens a sequence gap of its own (jumps its next outgoing MsgSeqNum by 3,
// which the engine must recover with a ResendRequest that QuickFIX answers with a SequenceReset-GapFill),
// and logs out. Everything it receives or sends at session level is printed one line each on stdout, for
// the test to check; the last line is "RESULT ok" or "RESULT fail <why>" and the exit status follows it.
//
// Its store is QuickFIX's FileStore: MemoryStore::get finds nothing when the first number of a requested range
// was never stored (exactly the numbers skipped above), and would answer the engine's ResendRequest with one
// GapFill over O6 as well.
//
// Usage: fix-peer <port> <BeginString> <work directory for QuickFIX's store and logs>
#include <quickfix/Application.h>
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

namespace {

std::mutex printMutex;

void say(const std::string& line) {
  std::lock_guard<std::mutex> lock(printMutex);
  std::cout << line << std::endl;
}

std::string field(const FIX::FieldMap& map, int tag) {
  return map.isSetField(tag) ? map.getField(tag) : std::string("-");
}

class Peer : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID& id) override {
    say("LOGON");
    notify([&] { sessionId_ = id; loggedOn_ = true; });
  }
  void onLogout(const FIX::SessionID&) override {
    say("LOGOUT");
    notify([&] { loggedOut_ = true; });
  }
  void toAdmin(FIX::Message& message, const FIX::SessionID&) override { describe("ADMIN_OUT", message); }
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message& message, const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {
    describe("ADMIN_IN", message);
  }
  void fromApp(const FIX::Message& message, const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    describe("APP_IN", message);
    if (field(message.getHeader(), 35) != "8") return;
    const std::string execId = field(message, 17);
    notify([&] { execCounts_[execId]++; });
  }

  template <typename Predicate>
  bool waitFor(Predicate done, int seconds) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(seconds), [&] { return done(); });
  }
  bool loggedOn() const { return loggedOn_; }
  bool loggedOut() const { return loggedOut_; }
  int execCount(const std::string& id) const {
    auto it = execCounts_.find(id);
    return it == execCounts_.end() ? 0 : it->second;
  }
  const std::map<std::string, int>& execCounts() const { return execCounts_; }
  FIX::SessionID sessionId() {
    std::lock_guard<std::mutex> lock(mutex_);
    return sessionId_;
  }

 private:
  template <typename Change>
  void notify(Change change) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      change();
    }
    changed_.notify_all();
  }
  static void describe(const char* direction, const FIX::Message& message) {
    const FIX::Header& h = message.getHeader();
    std::ostringstream line;
    line << direction << " type=" << field(h, 35) << " seq=" << field(h, 34) << " possdup=" << field(h, 43);
    const std::string type = field(h, 35);
    if (type == "2") line << " begin=" << field(message, 7) << " end=" << field(message, 16);
    if (type == "4") line << " newseqno=" << field(message, 36) << " gapfill=" << field(message, 123);
    if (type == "8") line << " execid=" << field(message, 17) << " clordid=" << field(message, 11) << " exectype=" << field(message, 150);
    if (type == "3" || type == "5") line << " text=" << field(message, 58);
    say(line.str());
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  bool loggedOn_ = false;
  bool loggedOut_ = false;
  FIX::SessionID sessionId_;
  std::map<std::string, int> execCounts_;
};

bool sendOrder(const FIX::SessionID& id, const std::string& clOrdId, const std::string& beginString) {
  FIX::Message order;
  order.getHeader().setField(35, "D");
  order.setField(11, clOrdId);
  if (beginString == "FIX.4.2") order.setField(21, "1");
  order.setField(38, "100");
  order.setField(40, "2");
  order.setField(44, "10.5");
  order.setField(54, "1");
  order.setField(55, "XYZ");
  order.setField(FIX::TransactTime(FIX::UtcTimeStamp(), 3));
  say("APP_OUT type=D clordid=" + clOrdId);
  return FIX::Session::sendToTarget(order, id);
}

int fail(FIX::SocketInitiator& initiator, const std::string& why) {
  say("RESULT fail " + why);
  initiator.stop(true);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: fix-peer <port> <BeginString> <work directory>" << std::endl;
    return 2;
  }
  const std::string port = argv[1];
  const std::string beginString = argv[2];
  std::istringstream config(
      "[DEFAULT]\n"
      "ConnectionType=initiator\n"
      "HeartBtInt=2\n"
      "ReconnectInterval=1\n"
      "StartTime=00:00:00\n"
      "EndTime=00:00:00\n"
      "UseDataDictionary=N\n"
      "ResetOnLogon=Y\n"
      "SocketConnectHost=127.0.0.1\n"
      "SocketConnectPort=" + port + "\n"
      "FileStorePath=" + std::string(argv[3]) + "/store\n"
      "FileLogPath=" + std::string(argv[3]) + "/log\n"
      "[SESSION]\n"
      "BeginString=" + beginString + "\n"
      "SenderCompID=CLIENT\n"
      "TargetCompID=VENUE\n");
  FIX::SessionSettings settings(config);
  Peer peer;
  FIX::FileStoreFactory store(settings);
  FIX::FileLogFactory logs(settings);
  FIX::SocketInitiator initiator(peer, store, settings, logs);
  initiator.start();

  if (!peer.waitFor([&] { return peer.loggedOn(); }, 15)) return fail(initiator, "no logon");
  const FIX::SessionID id = peer.sessionId();

  // Orders O1..O5 (the engine drops the first transmission of O4's fill: a gap on our inbound side).
  for (int i = 1; i <= 5; i++) sendOrder(id, "O" + std::to_string(i), beginString);
  if (!peer.waitFor([&] { for (int i = 1; i <= 5; i++) if (peer.execCount("O" + std::to_string(i) + "-fill") == 0) return false; return true; }, 15))
    return fail(initiator, "fills for O1..O5 not all received");

  // A gap on our outbound side: skip three sequence numbers, then send O6.
  FIX::Session* session = FIX::Session::lookupSession(id);
  if (session == nullptr) return fail(initiator, "session not found");
  const int next = session->getExpectedSenderNum();
  session->setNextSenderMsgSeqNum(next + 3);
  say("GAP_JUMP from=" + std::to_string(next) + " to=" + std::to_string(next + 3));
  sendOrder(id, "O6", beginString);
  if (!peer.waitFor([&] { return peer.execCount("O6-fill") > 0; }, 15)) return fail(initiator, "fill for O6 not received");

  session->logout("done");
  if (!peer.waitFor([&] { return peer.loggedOut(); }, 15)) return fail(initiator, "no logout");
  initiator.stop();

  for (const auto& entry : peer.execCounts())
    if (entry.second != 1) return fail(initiator, "execution report " + entry.first + " delivered " + std::to_string(entry.second) + " times");
  say("RESULT ok");
  return 0;
}
